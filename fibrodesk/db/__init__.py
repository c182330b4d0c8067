"""Storage: peewee models, migrations, backups and queries. No Qt."""

"""Pure domain logic: no Qt, no database. See docs/architecture.md."""

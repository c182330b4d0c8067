-- FibroDesk schema version 2: run on a version 1 diary. Frozen once released: never edit;
-- add a migration. Every new column has a default, so every v1 record keeps its meaning.

ALTER TABLE "entry" ADD COLUMN "for_doctor" INTEGER NOT NULL DEFAULT 0 CHECK (for_doctor IN (0, 1));

ALTER TABLE "check_in" ADD COLUMN "for_doctor" INTEGER NOT NULL DEFAULT 0 CHECK (for_doctor IN (0, 1));

ALTER TABLE "pacing_decision" ADD COLUMN "revision" TEXT NOT NULL DEFAULT '' CHECK (length(revision) <= 2000);

ALTER TABLE "exercise_session" ADD COLUMN "skip_reason" VARCHAR(255) CHECK (skip_reason IS NULL OR skip_reason IN ('pain', 'fatigue_flare', 'no_time', 'other'));

CREATE TABLE "pgic" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), "answer" INTEGER NOT NULL CHECK (typeof(answer) = 'integer' AND answer BETWEEN 1 AND 7));

CREATE UNIQUE INDEX "pgic_date" ON "pgic" ("date");

-- FibroDesk schema version 3: run on a version 2 diary. Frozen once released: never edit;
-- add a migration. Issue 15: treatments as people take them (dose and unit, regular or as
-- needed, start and stop), doses and sessions with their time, side effects, trigger tags,
-- weather and period starts. Every new column has a default, so every v2 record (each
-- treatment and each check-in tick) keeps its meaning. A free-text dose such as "500 mg"
-- is parsed into amount and unit by the Python step after this script (migrations.py).

ALTER TABLE "treatment" ADD COLUMN "amount" REAL CHECK (amount IS NULL OR amount > 0);

ALTER TABLE "treatment" ADD COLUMN "unit" VARCHAR(255) NOT NULL DEFAULT '' CHECK (length(unit) <= 40);

ALTER TABLE "treatment" ADD COLUMN "schedule" VARCHAR(255) NOT NULL DEFAULT 'as_needed' CHECK (schedule IN ('regular', 'as_needed'));

ALTER TABLE "treatment" ADD COLUMN "times" VARCHAR(255) NOT NULL DEFAULT '' CHECK (times = '' OR (length(times) <= 71 AND times GLOB '[0-2][0-9]:[0-5][0-9]*' AND times NOT GLOB '*[^0-9:;]*'));

ALTER TABLE "treatment" ADD COLUMN "start_date" VARCHAR(255) CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');

ALTER TABLE "treatment" ADD COLUMN "stop_date" VARCHAR(255) CHECK (stop_date IS NULL OR (start_date IS NULL OR stop_date >= start_date) AND stop_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');

ALTER TABLE "treatment" ADD COLUMN "purpose" VARCHAR(255) NOT NULL DEFAULT '' CHECK (length(purpose) <= 200);

CREATE TABLE "treatment_dose" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "treatment_id" VARCHAR(255) NOT NULL, "taken_at" VARCHAR(255) NOT NULL CHECK ((taken_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR taken_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), "amount" REAL CHECK (amount IS NULL OR amount > 0), "unit" VARCHAR(255) NOT NULL CHECK (length(unit) <= 40), "note" TEXT NOT NULL CHECK (length(note) <= 20000), FOREIGN KEY ("treatment_id") REFERENCES "treatment" ("id") ON DELETE CASCADE);

CREATE INDEX "treatment_dose_treatment_id" ON "treatment_dose" ("treatment_id");

CREATE INDEX "treatment_dose_date" ON "treatment_dose" ("date");

CREATE TABLE "side_effect" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "treatment_id" VARCHAR(255) NOT NULL, "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), "effect" VARCHAR(255) NOT NULL CHECK (effect IN ('drowsiness', 'dizziness', 'nausea', 'other')), "severity" INTEGER NOT NULL CHECK (typeof(severity) = 'integer' AND severity BETWEEN 0 AND 10), "note" TEXT NOT NULL CHECK (length(note) <= 20000), FOREIGN KEY ("treatment_id") REFERENCES "treatment" ("id") ON DELETE CASCADE);

CREATE INDEX "side_effect_treatment_id" ON "side_effect" ("treatment_id");

CREATE INDEX "side_effect_date" ON "side_effect" ("date");

CREATE UNIQUE INDEX "side_effect_treatment_id_date_effect" ON "side_effect" ("treatment_id", "date", "effect");

CREATE TABLE "tag" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "name" VARCHAR(255) NOT NULL CHECK (length(name) BETWEEN 1 AND 60), "hidden" INTEGER NOT NULL CHECK (hidden IN (0, 1)));

CREATE UNIQUE INDEX "tag_name" ON "tag" ("name");

CREATE TABLE "day_tag" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "tag_id" VARCHAR(255) NOT NULL, "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), "entry_id" VARCHAR(255), FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE, FOREIGN KEY ("entry_id") REFERENCES "entry" ("id") ON DELETE CASCADE);

CREATE INDEX "day_tag_tag_id" ON "day_tag" ("tag_id");

CREATE INDEX "day_tag_date" ON "day_tag" ("date");

CREATE INDEX "day_tag_entry_id" ON "day_tag" ("entry_id");

-- A tag once per day (entry_id NULL) and once per entry.
CREATE UNIQUE INDEX "day_tag_day" ON "day_tag" ("tag_id", "date") WHERE "entry_id" IS NULL;

CREATE UNIQUE INDEX "day_tag_entry" ON "day_tag" ("tag_id", "entry_id") WHERE "entry_id" IS NOT NULL;

CREATE TABLE "weather" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'), "pressure_hpa" REAL CHECK (pressure_hpa IS NULL OR (pressure_hpa BETWEEN 870 AND 1090)), "temperature_c" REAL CHECK (temperature_c IS NULL OR (temperature_c BETWEEN -60 AND 60)), "source" VARCHAR(255) NOT NULL CHECK (source IN ('typed', 'imported')));

CREATE UNIQUE INDEX "weather_date" ON "weather" ("date");

CREATE TABLE "period_start" ("id" VARCHAR(255) NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64), "created_at" VARCHAR(255) NOT NULL CHECK ((created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "updated_at" VARCHAR(255) NOT NULL CHECK ((updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][0-2][0-9]:[0-5][0-9]' OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')), "date" VARCHAR(255) NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'));

CREATE UNIQUE INDEX "period_start_date" ON "period_start" ("date");

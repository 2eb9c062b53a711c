-- V50: the job repository (Spring Batch's model, reduced): a job instance is a job name plus its
-- identifying business date; each attempt is an execution; each step of an attempt is a step
-- execution. A completed step is never re-run for the same instance; a failed run resumes there.
CREATE TABLE job_instance (
  id BIGINT NOT NULL,
  job_name VARCHAR(64) NOT NULL,
  business_date VARCHAR(10) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_job_instance PRIMARY KEY (id),
  CONSTRAINT uq_job_instance UNIQUE (job_name, business_date)
);

CREATE TABLE job_execution (
  id BIGINT NOT NULL,
  instance_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  forced INTEGER NOT NULL,
  owner VARCHAR(200) NOT NULL,
  started_at VARCHAR(40) NOT NULL,
  ended_at VARCHAR(40),
  exit_code INTEGER,
  exit_message VARCHAR(4000),
  CONSTRAINT pk_job_execution PRIMARY KEY (id),
  CONSTRAINT fk_job_execution_instance FOREIGN KEY (instance_id) REFERENCES job_instance (id)
);

CREATE INDEX ix_job_execution_instance ON job_execution (instance_id, id);

CREATE TABLE step_execution (
  id BIGINT NOT NULL,
  execution_id BIGINT NOT NULL,
  step_name VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  started_at VARCHAR(40) NOT NULL,
  ended_at VARCHAR(40),
  read_count BIGINT NOT NULL,
  write_count BIGINT NOT NULL,
  exit_message VARCHAR(4000),
  CONSTRAINT pk_step_execution PRIMARY KEY (id),
  CONSTRAINT fk_step_execution_job FOREIGN KEY (execution_id) REFERENCES job_execution (id)
);

CREATE INDEX ix_step_execution_job ON step_execution (execution_id, id);

-- ShedLock-style lease: one row per lock name. Taken when absent, expired, or held by a dead
-- process on this host; renewed by a heartbeat while the job runs; deleted on release.
CREATE TABLE job_lock (
  lock_name VARCHAR(64) NOT NULL,
  owner VARCHAR(200) NOT NULL,
  acquired_at VARCHAR(40) NOT NULL,
  expires_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_job_lock PRIMARY KEY (lock_name)
);

package io.mbp.jobs;

/** Status of a job or step execution. ABANDONED: its process died while it ran. */
public enum JobStatus { STARTED, COMPLETED, FAILED, ABANDONED }

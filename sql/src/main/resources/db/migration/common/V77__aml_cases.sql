-- V77: AML cases and COAF communication drafts (docs/aml.md, ADR 0714, 0715). A case groups alerts,
-- is assigned and decided (false positive with a reason, or escalated); an escalated case gets a COAF
-- draft whose deadline is the end of the business day after the decision. Projection of the
-- AmlCase* / AmlCoafDrafted events, written in the transaction that appends them.
CREATE TABLE aml_cases (
  case_id VARCHAR(40) NOT NULL,
  status VARCHAR(16) NOT NULL,
  assignee VARCHAR(256),
  opened_at VARCHAR(40) NOT NULL,
  opened_by VARCHAR(256) NOT NULL,
  decision VARCHAR(16),
  reason VARCHAR(2000),
  decided_at VARCHAR(40),
  decided_by VARCHAR(256),
  CONSTRAINT pk_aml_cases PRIMARY KEY (case_id)
);
CREATE TABLE aml_coaf_drafts (
  draft_id VARCHAR(40) NOT NULL,
  case_id VARCHAR(40) NOT NULL,
  decided_at VARCHAR(40) NOT NULL,
  due VARCHAR(40) NOT NULL,
  document VARCHAR(200000) NOT NULL,
  document_sha256 CHAR(64) NOT NULL,
  CONSTRAINT pk_aml_coaf_drafts PRIMARY KEY (draft_id),
  CONSTRAINT uq_aml_coaf_case UNIQUE (case_id)
);

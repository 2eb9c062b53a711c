-- V70: the entities of the current version of each sanctions/PEP list (docs/screening.md), so a
-- screening check loads them without re-parsing the list file. A cache of the list, not business
-- state: the log holds each version (ScreeningListImported) and its delta (ScreeningListDelta);
-- importing a new version replaces the list's rows in the same transaction that logs them.
-- Multi-valued fields (aliases, birth dates, countries, documents, topics) are JSON arrays of strings.
CREATE TABLE screening_entities (
  list_id VARCHAR(64) NOT NULL,
  entity_id VARCHAR(128) NOT NULL,
  list_version INTEGER NOT NULL,
  entity_type VARCHAR(16) NOT NULL,
  name VARCHAR(1024) NOT NULL,
  aliases VARCHAR(100000) NOT NULL,
  birth_dates VARCHAR(2048) NOT NULL,
  countries VARCHAR(2048) NOT NULL,
  documents VARCHAR(100000) NOT NULL,
  topics VARCHAR(2048) NOT NULL,
  digest CHAR(64) NOT NULL,
  CONSTRAINT pk_screening_entities PRIMARY KEY (list_id, entity_id)
);

-- V60: the privacy vault (docs/privacy.md, ADR 0700). Mutable on purpose, unlike events: destroying
-- a subject's data key (crypto-shredding) deletes its row here, after which the ciphertext the log
-- keeps for that subject can never be opened again. Every change is also logged as a PrivacyEvent.
CREATE TABLE privacy_subjects (
  account VARCHAR(256) NOT NULL,
  subject VARCHAR(40) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_privacy_subjects PRIMARY KEY (account)
);
CREATE UNIQUE INDEX ux_privacy_subjects_subject ON privacy_subjects (subject);
-- One data key (AES-256) per subject and version, wrapped (AES-256-GCM) by the key-encryption key
-- version named in the row. Rotating the KEK rewrites wrapped, kek_version; the data never changes.
CREATE TABLE privacy_deks (
  dek_id VARCHAR(40) NOT NULL,
  subject VARCHAR(40) NOT NULL,
  dek_version INTEGER NOT NULL,
  kek_id VARCHAR(64) NOT NULL,
  kek_version INTEGER NOT NULL,
  wrapped VARCHAR(200) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_privacy_deks PRIMARY KEY (dek_id)
);
CREATE UNIQUE INDEX ux_privacy_deks_subject ON privacy_deks (subject, dek_version);
-- Vault-wide secrets wrapped by the KEK, such as the HMAC key behind pseudonymous references
-- (pix_key_ref, cpf_ref): stable across KEK rotations, so a reference never changes.
CREATE TABLE privacy_secrets (
  name VARCHAR(40) NOT NULL,
  kek_id VARCHAR(64) NOT NULL,
  kek_version INTEGER NOT NULL,
  wrapped VARCHAR(200) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  CONSTRAINT pk_privacy_secrets PRIMARY KEY (name)
);

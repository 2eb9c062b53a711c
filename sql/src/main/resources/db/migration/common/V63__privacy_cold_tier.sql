-- V63: the vault's cold tier (ADR 0706). A data key with archived_at set is "cold": the subject's
-- data is kept only for the legal retention (Bacen Circ. 3.978) or a pending DSR, and the vault
-- opens it only for a data-subject request or a legal hold, never for day-to-day processing
-- (payouts, support look-ups, re-verification). Shredding deletes the row, cold or hot.
ALTER TABLE privacy_deks ADD COLUMN archived_at VARCHAR(40);

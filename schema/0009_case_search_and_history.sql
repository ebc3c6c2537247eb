-- Finding a household: GET /api/v1/cases?q= matches the ward's case number or the household
-- label, ignoring full/half width, case and hiragana/katakana. The folded form is kept beside
-- the row (fold_search is the server's own folding, registered on every connection) and
-- rewritten by every change of either field.
ALTER TABLE cases ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE cases SET search_key = coalesce(fold_search(case_ref || ' ' || household_label), '');

-- Every change of a case is a case event: direct edits (from/to hold the changed fields as JSON
-- objects), closing and reopening (with the reason given), besides meeting decisions.
ALTER TABLE case_events ADD COLUMN reason TEXT;

-- Notifications a phone can show: an opaque id (never the row number), what they concern beyond
-- referrals (a meeting's invitation, an action item), and a payload of what the lock screen needs
-- (urgency, the organization's name, the new status, a link) — never case content.
ALTER TABLE notifications ADD COLUMN public_id TEXT;
ALTER TABLE notifications ADD COLUMN meeting_id TEXT REFERENCES meetings (id);
ALTER TABLE notifications ADD COLUMN action_item_id TEXT REFERENCES action_items (id);
ALTER TABLE notifications ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
UPDATE notifications SET public_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX notifications_public_id ON notifications (public_id);

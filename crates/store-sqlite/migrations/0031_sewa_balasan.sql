-- The holder of a reply's lease: a token each claim of the outbox makes.
-- A send is recorded only by the claim that still holds the reply, so a
-- server whose lease ran out (and moved to another) neither marks it nor
-- moves its next attempt.
ALTER TABLE kotak_keluar ADD COLUMN pemegang TEXT;

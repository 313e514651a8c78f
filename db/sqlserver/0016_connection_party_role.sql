-- A 2.1.1 connection carries one party on each side and one role pair: a hosted party with both roles takes part
-- in one 2.1.1 connection as CPO and in another as eMSP. NULL: every role of the party (2.2.1 and later).
ALTER TABLE dbo.connections ADD party_role NVARCHAR(10) NULL;

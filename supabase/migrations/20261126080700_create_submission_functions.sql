-- Write functions for citizens' submissions: submit_contribution and
-- submit_initiative. Each SQL function is defined once, in the latest
-- migration that changed it (here: 20261203090000_one_clock.sql);
-- this migration's own version of them was folded into that one, which
-- replaces it on a database that had applied it.
select 1;

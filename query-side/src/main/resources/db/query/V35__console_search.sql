-- The console's Vietnamese search: with or without diacritics ("cai cach thu tuc" finds "cải cách thủ tục"), in
-- PostgreSQL. Both extensions ship with PostgreSQL and are trusted, so the database's owner may create them.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only stable (its dictionary could change); naming the dictionary makes the fold immutable, so it
-- can stand in an index. Lower case, no diacritics, đ → d.
create or replace function console_fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- The console's search (ConsoleSearch.matching) over texts folded once, when they change, instead of folding every
-- activity's title, products, timeline and participants' names on every request (1.7 s a search on 10,000 activities).

-- What a search reads of an activity: its texts and the names of the agencies taking part (also as members of a group),
-- folded (console_fold), every run of other characters than letters and digits made one space, with a space in front,
-- so that "every word of the query begins a word of the document" is `document like '% ' || word || '%'`. The names
-- in a fixed order, so that live processing and a replay write the same document (ReplayIT compares every column).
create function console_search_document(p_activity varchar) returns text
    language sql stable parallel safe as
$$
select ' ' || regexp_replace(console_fold(a.title || ' ' || a.products::text || ' ' || a.timeline || ' '
           || coalesce((select string_agg(p.agency_name, ' ' order by p.position, p.role, p.via_group, p.agency_id)
                        from activity_participant p where p.activity_id = a.activity_id), '')),
           '[^[:alnum:]]+', ' ', 'g')
from activity_view a where a.activity_id = p_activity
$$;

-- The folded code and title follow the row; the document is written by the plan projection after each batch's
-- activities and participants (PlanProjection), and filled here for the rows already projected. A replay (reset of
-- the plan read model) truncates activity_view and writes every document again.
alter table activity_view
    add column search_code text generated always as (console_fold(code)) stored,
    add column search_title text generated always as (console_fold(title)) stored,
    add column search_document text;
update activity_view set search_document = console_search_document(activity_id);

-- Trigram indexes: a word's LIKE and the title's word similarity (<%) find their rows through them on a large plan.
create index activity_view_search_document on activity_view using gin (search_document gin_trgm_ops);
create index activity_view_search_title on activity_view using gin (search_title gin_trgm_ops);
create index activity_view_search_code on activity_view (plan_id, search_code);

-- The printed order of an activity code such as IV.8 or II.3a: section (a roman numeral), then number, then the
-- letter of an inserted activity. An activity an amendment decision adds (I.18) sorts beside its section, not after
-- the last one registered.
create function printed_order(p_code varchar) returns integer
    language sql immutable strict parallel safe as
$$
select coalesce((select sum(case when v < coalesce(next_v, 0) then -v else v end)
                 from (select v, lead(v) over (order by i) as next_v
                       from unnest(string_to_array(split_part(p_code, '.', 1), null)) with ordinality as t(ch, i),
                            lateral (select case ch when 'I' then 1 when 'V' then 5 when 'X' then 10 when 'L' then 50
                                                    when 'C' then 100 else 0 end as v) as value) as digits), 0)::integer
           * 1000000
       + coalesce(nullif(substring(split_part(p_code, '.', 2) from '^[0-9]+'), '')::integer, 0) * 100
       + coalesce(ascii(substring(split_part(p_code, '.', 2) from '[a-z]$')) - ascii('a') + 1, 0)
$$;

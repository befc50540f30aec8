package org.planledger.shared.agency;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical agencies of Sơn La province, the groups the plan names, and the outside bodies it
 * mentions, kept as data in {@code agencies.json}. Every id, name, abbreviation and spelling maps to
 * exactly one agency.
 */
public final class AgencyDirectory {

    static final String RESOURCE = "/org/planledger/shared/agency/agencies.json";

    private final List<Agency> agencies;
    private final Map<String, Agency> byId = new LinkedHashMap<>();
    private final Map<String, Agency> byKey = new HashMap<>();
    private final Map<String, List<Agency>> compoundsByKey = new HashMap<>();

    AgencyDirectory(List<Agency> agencies, List<CompoundSpelling> compounds) {
        this.agencies = List.copyOf(agencies);
        for (Agency agency : this.agencies) {
            if (byId.putIfAbsent(agency.id(), agency) != null) {
                throw new IllegalStateException("agency id appears twice: " + agency.id());
            }
        }
        for (Agency agency : this.agencies) {
            index(agency.id(), agency);
            index(agency.name(), agency);
            if (!agency.abbreviation().isEmpty()) {
                index(agency.abbreviation(), agency);
            }
            agency.spellings().forEach(spelling -> index(spelling, agency));
            agency.members().forEach(member -> {
                if (!byId.containsKey(member)) {
                    throw new IllegalStateException(agency.id() + " has unknown member " + member);
                }
            });
        }
        this.agencies.forEach(agency -> memberIdsOf(agency.id()));
        for (CompoundSpelling compound : compounds) {
            String key = AgencyNames.key(compound.text());
            if (byKey.containsKey(key) || compoundsByKey.containsKey(key)) {
                throw new IllegalStateException("compound spelling also names an agency: " + compound.text());
            }
            compoundsByKey.put(key, compound.ids().stream().map(this::get).toList());
        }
    }

    public static AgencyDirectory standard() {
        return Standard.DIRECTORY;
    }

    /** By id, or by any known name, abbreviation or spelling (see {@link AgencyNames} for how they compare). */
    public Optional<Agency> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(AgencyNames.key(AgencyNames.clean(idOrName))));
    }

    public Agency get(String id) {
        Agency agency = id == null ? null : byId.get(id);
        if (agency == null) {
            throw new IllegalArgumentException("unknown agency id: " + id);
        }
        return agency;
    }

    public List<Agency> all() {
        return agencies;
    }

    /**
     * Every agency a group reaches through its members, nested groups included; empty for a non-group. In the
     * directory's order (members as listed, each nested group's members after it), the same in every process: read
     * models store what follows from this order (the audit trail's agencies, participants' positions), and a rebuild
     * in another process must write the same rows. ({@code Set.copyOf} would iterate in an order salted per JVM.)
     */
    public Set<String> memberIdsOf(String groupId) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> path = new ArrayDeque<>();
        collect(get(groupId), reached, path);
        return Collections.unmodifiableSet(reached);
    }

    public Set<String> groupIdsContaining(String agencyId) {
        get(agencyId);
        Set<String> groups = new LinkedHashSet<>();
        for (Agency agency : agencies) {
            if (agency.isGroup() && memberIdsOf(agency.id()).contains(agencyId)) {
                groups.add(agency.id());
            }
        }
        return Collections.unmodifiableSet(groups); // in the directory's order, as memberIdsOf
    }

    /** The agencies a printed phrase names: one for a spelling, several for a compound spelling. */
    Optional<List<Agency>> lookup(String phrase) {
        String key = AgencyNames.key(phrase);
        Agency agency = byKey.get(key);
        if (agency != null) {
            return Optional.of(List.of(agency));
        }
        return Optional.ofNullable(compoundsByKey.get(key));
    }

    private void collect(Agency group, Set<String> reached, Deque<String> path) {
        if (path.contains(group.id())) {
            throw new IllegalStateException("group membership cycle through " + group.id());
        }
        path.push(group.id());
        for (String member : group.members()) {
            reached.add(member);
            collect(get(member), reached, path);
        }
        path.pop();
    }

    private void index(String text, Agency agency) {
        String key = AgencyNames.key(text);
        Agency previous = byKey.putIfAbsent(key, agency);
        if (previous != null && !previous.id().equals(agency.id())) {
            throw new IllegalStateException(
                    "'" + text + "' would name both " + previous.id() + " and " + agency.id());
        }
    }

    static AgencyDirectory read(String resource) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = AgencyDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("agency resource not found: " + resource);
            }
            AgencyFile file = mapper.readValue(in, AgencyFile.class);
            return new AgencyDirectory(file.agencies(), file.compoundSpellings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agency resource " + resource, e);
        }
    }

    /** A printed phrase that names several agencies with one shared head noun ("Văn phòng HĐND, UBND tỉnh"). */
    record CompoundSpelling(String text, List<String> ids) {
        CompoundSpelling {
            ids = List.copyOf(ids);
        }
    }

    record AgencyFile(List<Agency> agencies, List<CompoundSpelling> compoundSpellings) {
        AgencyFile {
            compoundSpellings = compoundSpellings == null ? List.of() : List.copyOf(compoundSpellings);
        }
    }

    private static final class Standard {
        static final AgencyDirectory DIRECTORY = read(RESOURCE);
    }
}

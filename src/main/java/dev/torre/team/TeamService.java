package dev.torre.team;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The only place that writes teams, and the keeper of each team's round-robin turn: {@link #nextMember} takes the
 * next turn on the team's rotation row under its row lock, so concurrent runs on any instance take consecutive turns
 * and the position survives restarts.
 */
@ApplicationScoped
public class TeamService extends RecordService<Team, TeamInput, TeamView> {

    private static final List<Key<Team, TeamInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, t -> t.externalId, TeamInput::externalId));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of("team_external_id_uq", "externalId");

    private static final Kind<Team, TeamInput> KIND = new Kind<>(
            "team", Team.class, Team::new, TeamInput.class,
            "team", "teams", "/v1/teams", TeamFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    /**
     * Whether an active team has this id. Workflows check their definitions with it under their author's own scopes,
     * so it asks for none: it tells nothing but existence.
     */
    public boolean exists(UUID id) {
        return !em.createQuery("select t.id from Team t where t.id = :id and t.archivedAt is null", UUID.class)
                .setParameter("id", id).getResultList().isEmpty();
    }

    /**
     * The member whose turn it is, moving the team's rotation on by one (in the caller's transaction, which holds the
     * rotation row until it commits); empty when the team is archived or gone. {@code peek} answers without moving it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> nextMember(UUID id, boolean peek) {
        List<Team> found = em.createQuery("from Team t where t.id = :id and t.archivedAt is null", Team.class)
                .setParameter("id", id).getResultList();
        if (found.isEmpty() || found.getFirst().members.isEmpty()) {
            return Optional.empty();
        }
        List<String> members = found.getFirst().members;
        String tenant = TenantContext.current();
        long turn = peek
                ? Sql.query(em, SqlFragment.of("select coalesce(max(turns), 0) from team_rotation where tenant_id = ? and team_id = ?",
                        tenant, id), r -> r.getLong(1)).getFirst()
                : Sql.query(em, SqlFragment.of("""
                        insert into team_rotation (tenant_id, team_id, turns) values (?, ?, 1)
                        on conflict (tenant_id, team_id) do update set turns = team_rotation.turns + 1
                        returning turns - 1
                        """, tenant, id), r -> r.getLong(1)).getFirst();
        return Optional.of(members.get((int) (turn % members.size())));
    }

    @Override
    protected TeamView view(Team team) {
        return TeamView.of(team);
    }

    @Override
    protected Kind<Team, TeamInput> kind() {
        return KIND;
    }

    @Override
    public TeamInput inputOf(Team t) {
        return new TeamInput(t.name, List.copyOf(t.members), t.externalId);
    }

    @Override
    public TeamInput normalise(TeamInput in) {
        LinkedHashSet<String> members = new LinkedHashSet<>();
        in.members().forEach(m -> members.add(m.trim()));
        return new TeamInput(in.name().trim(), List.copyOf(members), blankToNull(in.externalId()));
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, TeamInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(Team t, TeamInput in) {
        t.name = in.name();
        t.members = new java.util.ArrayList<>(in.members());
        t.externalId = in.externalId();
    }
}

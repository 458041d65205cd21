package dev.torre.platform.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.id.IdentifierGeneratorHelper;
import org.hibernate.id.IntegralDataTypeHolder;
import org.hibernate.id.enhanced.AccessCallback;
import org.hibernate.id.enhanced.Optimizer;
import org.hibernate.id.enhanced.PooledLoOptimizer;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Event sequence numbers never collide when several instances start on a fresh database: each instance's Hibernate
 * allocator takes a block of 100 from {@code event_log_seq}, and the bulk path ({@link EventLog#appendAll}) calls
 * {@code nextval} directly. The allocator is "pooled-lo" (Quarkus's default, now set explicitly): its block starts at
 * the value drawn, so any two draws — another instance's, or a bulk insert's single number — give disjoint numbers.
 */
@QuarkusTest
class EventSequenceTest {

    private static final int BLOCK = 100;

    @Inject
    EntityManagerFactory factory;

    @Inject
    DataSource dataSource;

    @Test
    void theEventLogAllocatesBlocksStartingAtTheValueDrawn() {
        Optimizer optimizer = eventAllocator();
        assertInstanceOf(PooledLoOptimizer.class, optimizer);
        assertEquals(BLOCK, optimizer.getIncrementSize());
    }

    @Test
    void twoInstancesAndTheBulkPathOnAFreshSequenceNeverShareANumber() throws Exception {
        List<Long> numbers = interleaved(eventAllocator().getClass());
        assertEquals(numbers.size(), new HashSet<>(numbers).size(), "every number handed out once: " + numbers);
    }

    private Optimizer eventAllocator() {
        var generator = factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(Event.class).getGenerator();
        return assertInstanceOf(SequenceStyleGenerator.class, generator).getOptimizer();
    }

    /**
     * Two allocators of this kind on a fresh sequence like {@code event_log_seq}: instance A draws first, and instance B
     * draws right after A's first draw (as it may, starting at the same moment); then both hand out 150 numbers each,
     * turn about, with bulk inserts of 3 events in between.
     */
    private List<Long> interleaved(Class<? extends Optimizer> kind) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create temporary sequence fresh_event_seq increment by " + BLOCK);
            try {
                AccessCallback sequence = new Sequence(connection, null);
                Optimizer a = kind.getConstructor(Class.class, int.class).newInstance(Long.class, BLOCK);
                Optimizer b = kind.getConstructor(Class.class, int.class).newInstance(Long.class, BLOCK);
                List<Long> numbers = new ArrayList<>();
                numbers.add((Long) a.generate(new Sequence(connection, () -> numbers.add((Long) b.generate(sequence)))));
                for (int i = 0; i < 150; i++) {
                    numbers.add((Long) a.generate(sequence));
                    numbers.add((Long) b.generate(sequence));
                    if (i % 50 == 0) {
                        for (int n = 0; n < 3; n++) {
                            numbers.add(sequence.getNextValue().makeValue().longValue());
                        }
                    }
                }
                return numbers;
            } finally {
                statement.execute("drop sequence fresh_event_seq");
            }
        }
    }

    /** {@code nextval} of the test's sequence, as Hibernate's allocator calls it; another draw may follow the first. */
    private static final class Sequence implements AccessCallback {
        private final Connection connection;
        private Runnable afterFirstDraw;

        Sequence(Connection connection, Runnable afterFirstDraw) {
            this.connection = connection;
            this.afterFirstDraw = afterFirstDraw;
        }

        @Override
        public IntegralDataTypeHolder getNextValue() {
            IntegralDataTypeHolder value = IdentifierGeneratorHelper.getIntegralDataTypeHolder(Long.class);
            try (Statement statement = connection.createStatement();
                    ResultSet next = statement.executeQuery("select nextval('fresh_event_seq')")) {
                next.next();
                value.initialize(next.getLong(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (afterFirstDraw != null) {
                Runnable other = afterFirstDraw;
                afterFirstDraw = null;
                other.run();
            }
            return value;
        }

        @Override
        public String getTenantIdentifier() {
            return null;
        }
    }
}

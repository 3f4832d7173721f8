package paydesk;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.IndexedMemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Serves MongoDB's wire protocol on 127.0.0.1:PORT until the process is stopped. */
public final class MongoServerMain {
    /**
     * mongo-java-server announces wire version 8 even as "5.0", and the Node.js driver 7
     * refuses anything below 9 (MongoDB 4.4), so it announces 5.0's real wire version, 13.
     */
    private static final MongoVersion MONGO_5_0 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(5, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 13;
        }
    };

    /**
     * Runs the write commands of one collection one at a time and copies their answer before the
     * next one starts, so each findAndModify answers with the document its own update produced.
     *
     * <p>mongo-java-server 1.47 already applies each write under the collection's monitor, but
     * findAndModify with {@code new: true} answers with the stored document itself, not a copy:
     * both backends (memory and H2) update that object in place, and the answer is encoded onto the socket
     * after the monitor is released, so a concurrent {@code $inc} on the same document can land
     * in between and two callers both see its result. Here the answer is deep-copied while no
     * other write of that collection can run.
     */
    private static final class CollectionWrites {
        private static final Set<String> COMMANDS = Set.of("findandmodify", "update", "insert", "delete");
        private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

        Document handle(String database, String command, Document query, Supplier<Document> run) {
            Object collection = query == null ? null : query.get(command);
            if (!(collection instanceof String) || !COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                return run.get();
            }
            Object lock = locks.computeIfAbsent(database + "." + collection, name -> new Object());
            synchronized (lock) {
                Document answer = run.get();
                return answer == null ? null : answer.cloneDeeply();
            }
        }
    }

    /**
     * The backends with their handleCommand wrapped: the wire handler calls handleMessage (OP_MSG)
     * or handleCommand (OP_QUERY), and handleMessage goes through handleCommand, so overriding it
     * covers both.
     */
    private static MongoBackend serializedBackend(String h2File) {
        CollectionWrites writes = new CollectionWrites();
        if (h2File != null) {
            return new H2Backend(h2File) {
                @Override
                public Document handleCommand(Channel channel, String database, String command, Document query) {
                    return writes.handle(database, command, query,
                        () -> super.handleCommand(channel, database, command, query));
                }
            };
        }
        return new IndexedMemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return writes.handle(database, command, query,
                    () -> super.handleCommand(channel, database, command, query));
            }
        };
    }

    /** Usage: MongoServerMain PORT [H2_FILE] — with a file, data survives a restart. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MongoBackend backend = serializedBackend(args.length > 1 ? args[1] : null);
        MongoServer server = new MongoServer(backend.version(MONGO_5_0));
        server.bind("127.0.0.1", port);
        // On SIGTERM: stop serving, then close the backend so an H2 file is flushed to disk.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            try {
                backend.close();
            } catch (RuntimeException alreadyClosed) {
                // shutdownNow may have closed it already
            }
        }));
        System.out.println("mongo-java-server listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}

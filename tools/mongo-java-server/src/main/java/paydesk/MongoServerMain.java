package paydesk;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;

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

    /** Usage: MongoServerMain PORT [H2_FILE] — with a file, data survives a restart. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MongoBackend backend = args.length > 1 ? new H2Backend(args[1]) : new MemoryBackend();
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

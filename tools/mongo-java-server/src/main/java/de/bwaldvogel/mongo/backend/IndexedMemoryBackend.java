package de.bwaldvogel.mongo.backend;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The memory backend with the indexes a query can use (see {@link SupersetUniqueIndex} and
 * {@link EqualityIndex}): the library's scans every query that is not exactly a unique index's
 * keys, so the tests' database got slower with every document the suite wrote, far unlike the
 * mongod it stands in for. Only speed changes: every candidate is still matched against the
 * whole query.
 */
public class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    private static final class IndexedDatabase extends MemoryDatabase {
        IndexedDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedCollection(this, collectionName, options, cursorRegistry);
        }

        /**
         * An aggregation reads its whole collection and filters in its first stage; a leading
         * {@code $match} is handed to the collection first, so that it can use an index. The stage
         * still runs on what the collection returns.
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query,
                                      DatabaseResolver databaseResolver, Oplog oplog) {
            Document match = command.equalsIgnoreCase("aggregate") ? leadingMatch(query) : null;
            if (match == null) {
                return super.handleCommand(channel, command, query, databaseResolver, oplog);
            }
            LEADING_MATCH.set(new LeadingMatch(String.valueOf(query.get(command)), match));
            try {
                return super.handleCommand(channel, command, query, databaseResolver, oplog);
            } finally {
                LEADING_MATCH.remove();
            }
        }

        private static Document leadingMatch(Document query) {
            Object pipeline = query.get("pipeline");
            if (!(pipeline instanceof List) || ((List<?>) pipeline).isEmpty()) {
                return null;
            }
            Object first = ((List<?>) pipeline).get(0);
            if (!(first instanceof Document) || ((Document) first).size() != 1) {
                return null;
            }
            Object match = ((Document) first).get("$match");
            if (!(match instanceof Document)) {
                return null;
            }
            for (String key : ((Document) match).keySet()) {
                if (key.equals("$expr") || key.equals("$text") || key.equals("$where")) {
                    return null;
                }
            }
            return (Document) match;
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                         List<IndexKey> keys, boolean sparse) {
            return new SupersetUniqueIndex(indexName, keys, sparse);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                            List<IndexKey> keys, boolean sparse) {
            return new EqualityIndex(indexName, keys);
        }
    }

    private record LeadingMatch(String collection, Document match) {
    }

    /** Set while an aggregation with a leading $match runs on this thread; taken by its first read. */
    private static final ThreadLocal<LeadingMatch> LEADING_MATCH = new ThreadLocal<>();

    /** Prefers a unique index (one candidate) to the equality index with the fewest candidates. */
    private static final class IndexedCollection extends MemoryCollection {
        IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                          CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Index<Integer> chosen = null;
            if (orderBy == null || !orderBy.containsKey("$natural")) {
                long fewest = Long.MAX_VALUE;
                for (Index<Integer> index : getIndexes()) {
                    if (!index.canHandle(query)) {
                        continue;
                    }
                    if (index.isUnique()) {
                        chosen = index;
                        break;
                    }
                    long candidates = index instanceof EqualityIndex ? ((EqualityIndex) index).candidates(query) : Long.MAX_VALUE;
                    if (chosen == null || candidates < fewest) {
                        chosen = index;
                        fewest = candidates;
                    }
                }
            }
            if (chosen == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, chosen.getPositions(query), orderBy, numberToSkip, limit, batchSize,
                fieldSelector);
        }

        @Override
        public Iterable<Document> queryAll() {
            LeadingMatch leading = LEADING_MATCH.get();
            if (leading != null && leading.collection().equals(getCollectionName())) {
                LEADING_MATCH.remove();
                // Wrapped, or a field named "query" in the $match would be taken for the wrapper.
                return handleQuery(new Document("$query", leading.match()));
            }
            return super.queryAll();
        }
    }
}

package de.bwaldvogel.mongo.backend;

import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The memory backend's unique index, also serving a query that names each of its keys with a
 * plain value and other conditions besides (e.g. a compare-and-set on {@code {_id, status}}), as
 * mongod does: the library only uses it when the query names exactly its keys and scans the whole
 * collection otherwise. The index yields the one document that can match; the collection still
 * matches it against the whole query. On a one-key index, {@code $in} with plain values too (the
 * library's own lookup answers it).
 */
public final class SupersetUniqueIndex extends MemoryUniqueIndex {

    public SupersetUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    /** Unique keys are looked up by a value; null is left to the scan (a sparse index lacks it). */
    private static boolean isPlain(Object value) {
        return value != null && EqualityIndex.isPlain(value);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        if (super.canHandle(query)) {
            return true;
        }
        if (query.keySet().equals(keySet()) || !query.keySet().containsAll(keySet())) {
            return false;
        }
        if (!isCompoundIndex() && isPlainIn(query.get(keys().get(0)))) {
            return true;
        }
        return keys().stream().map(query::get).allMatch(SupersetUniqueIndex::isPlain);
    }

    private static boolean isPlainIn(Object value) {
        if (!(value instanceof Document) || ((Document) value).size() != 1) {
            return false;
        }
        Object in = ((Document) value).get("$in");
        return in instanceof Collection && ((Collection<?>) in).stream().allMatch(SupersetUniqueIndex::isPlain);
    }
}

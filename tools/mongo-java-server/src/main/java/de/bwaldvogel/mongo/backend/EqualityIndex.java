package de.bwaldvogel.mongo.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for the memory backend, which otherwise ignores them and scans the whole
 * collection for every query: documents by the value of the index's first key, so a query with
 * an equality (or {@code $in}) on that key only looks at the documents holding that value. It only
 * narrows the candidates: the collection still matches each one against the whole query, so a
 * result can never differ from a scan's. Whatever it is unsure of (arrays under the key, operators
 * other than {@code $in}, regular expressions, embedded documents) it leaves to the scan.
 *
 * <p>In this package for {@code Utils.normalizeValue}, the library's own notion of equal keys.
 * Extends {@link EmptyIndex} so that it still describes itself as the library always has.
 */
public final class EqualityIndex extends EmptyIndex<Integer> {

    private static final String ID = "_id";

    private final String key;
    private final Map<Object, Set<Integer>> positionsByValue = new HashMap<>();
    private final Map<Integer, Object> valueByPosition = new HashMap<>();
    private final Map<Object, Integer> positionById = new HashMap<>();
    /** Set once a document holds an array under the key: equality then means "contains", so scan. */
    private boolean sawArray = false;

    public EqualityIndex(String name, List<IndexKey> keys) {
        super(name, keys);
        this.key = keys.get(0).getKey();
    }

    private Object valueOf(Document document) {
        Object value = Utils.getSubdocumentValueCollectionAware(document, key);
        if (value instanceof Collection) {
            sawArray = true;
        }
        return Utils.normalizeValue(value);
    }

    /** A value equality can look up: no operator, array, embedded document or pattern. */
    static boolean isPlain(Object value) {
        return !(value instanceof Document)
            && !(value instanceof Collection)
            && !(value instanceof Map)
            && !BsonRegularExpression.isRegularExpression(value)
            && !(value instanceof java.util.regex.Pattern);
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Object value = valueOf(document);
        positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        valueByPosition.put(position, value);
        Object id = Utils.normalizeValue(document.get(ID));
        if (id != null) {
            positionById.put(id, position);
        }
    }

    @Override
    public synchronized Integer remove(Document document) {
        Integer position = positionById.remove(Utils.normalizeValue(document.get(ID)));
        if (position != null) {
            forget(position);
        }
        // Like EmptyIndex: the collection takes the position from its unique indexes.
        return null;
    }

    private void forget(Integer position) {
        Object value = valueByPosition.remove(position);
        Set<Integer> positions = positionsByValue.get(value);
        if (positions != null) {
            positions.remove(position);
            if (positions.isEmpty()) {
                positionsByValue.remove(value);
            }
        }
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Integer position,
                                           MongoCollection<Integer> collection) {
        forget(position);
        Object value = valueOf(newDocument);
        positionsByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        valueByPosition.put(position, value);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        if (sawArray || !query.containsKey(key)) {
            return false;
        }
        Object value = query.get(key);
        if (value instanceof Document) {
            Document operators = (Document) value;
            if (operators.size() != 1 || !(operators.get("$in") instanceof Collection)) {
                return false;
            }
            return ((Collection<?>) operators.get("$in")).stream().allMatch(EqualityIndex::isPlain);
        }
        return isPlain(value);
    }

    private Collection<?> queriedValues(Document query) {
        Object value = query.get(key);
        return value instanceof Document
            ? (Collection<?>) ((Document) value).get("$in")
            : java.util.Collections.singletonList(value);
    }

    /** How many documents {@link #getPositions} would yield, to pick the narrowest index. */
    public synchronized long candidates(Document query) {
        long count = 0;
        for (Object one : queriedValues(query)) {
            Set<Integer> found = positionsByValue.get(Utils.normalizeValue(one));
            count += found == null ? 0 : found.size();
        }
        return count;
    }

    @Override
    public synchronized Iterable<Integer> getPositions(Document query) {
        java.util.TreeSet<Integer> positions = new java.util.TreeSet<>();
        for (Object one : queriedValues(query)) {
            Set<Integer> found = positionsByValue.get(Utils.normalizeValue(one));
            if (found != null) {
                positions.addAll(found);
            }
        }
        // In position order, the order a scan finds them in.
        return new ArrayList<>(positions);
    }

    @Override
    public synchronized long getCount() {
        return valueByPosition.size();
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        valueByPosition.clear();
        positionById.clear();
        sawArray = false;
    }
}

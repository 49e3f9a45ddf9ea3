package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of an in-toto statement (v0.1 or v1) verification reads. */
final class InTotoStatement {
  static final String STATEMENT_V01 = "https://in-toto.io/Statement/v0.1";
  static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";

  final String type;
  final String predicateType;
  final List<Subject> subjects;
  final Map<String, Object> predicate;

  private InTotoStatement(String type, String predicateType, List<Subject> subjects,
      Map<String, Object> predicate) {
    this.type = type;
    this.predicateType = predicateType;
    this.subjects = subjects;
    this.predicate = predicate;
  }

  /** One subject: a name and digests by lower-case algorithm name. */
  static final class Subject {
    final String name;
    final Map<String, String> digest;

    Subject(String name, Map<String, String> digest) {
      this.name = name;
      this.digest = digest;
    }
  }

  boolean knownType() {
    return STATEMENT_V01.equals(type) || STATEMENT_V1.equals(type);
  }

  static InTotoStatement parse(byte[] payload) throws ShapeException {
    Map<String, Object> s = JsonTree.parseObject(payload);
    String type = JsonTree.optString(s, "_type", "$");
    String predicateType = JsonTree.optString(s, "predicateType", "$");
    List<Object> list = JsonTree.optArray(s, "subject", "$");
    List<Subject> subjects = new ArrayList<>();
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String p = "$.subject[" + i + "]";
        Map<String, Object> subj = JsonTree.object(list.get(i), p);
        Map<String, Object> dig = JsonTree.optObject(subj, "digest", p);
        Map<String, String> digests = new LinkedHashMap<>();
        if (dig != null) {
          for (Map.Entry<String, Object> e : dig.entrySet()) {
            if (!(e.getValue() instanceof String)) {
              throw new ShapeException(p + ".digest." + e.getKey() + " must be a string");
            }
            digests.put(e.getKey(), (String) e.getValue());
          }
        }
        subjects.add(new Subject(JsonTree.optString(subj, "name", p),
            Collections.unmodifiableMap(digests)));
      }
    }
    Map<String, Object> predicate = JsonTree.optObject(s, "predicate", "$");
    return new InTotoStatement(type, predicateType, Collections.unmodifiableList(subjects),
        predicate == null ? Map.of() : predicate);
  }

  /** A string at a dotted path inside the predicate, or null. */
  String predicateString(String... path) {
    Object cur = predicate;
    for (String key : path) {
      if (!(cur instanceof Map)) {
        return null;
      }
      cur = ((Map<?, ?>) cur).get(key);
    }
    return cur instanceof String ? (String) cur : null;
  }
}

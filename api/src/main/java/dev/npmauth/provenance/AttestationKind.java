package dev.npmauth.provenance;

/** The kinds of attestation an npm attestation response holds, by predicate type. */
public enum AttestationKind {
  /**
   * The registry's publish attestation,
   * {@code https://github.com/npm/attestation/tree/main/specs/publish/v0.1}.
   */
  PUBLISH,
  /** SLSA provenance, {@code https://slsa.dev/provenance/v0.2} or {@code /v1}. */
  PROVENANCE,
  /** Any other predicate type. */
  OTHER;

  /** The predicate type of the registry's publish attestation. */
  public static final String PUBLISH_PREDICATE_TYPE =
      "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";
  /** The predicate type of SLSA provenance v0.2. */
  public static final String SLSA_V02_PREDICATE_TYPE = "https://slsa.dev/provenance/v0.2";
  /** The predicate type of SLSA provenance v1. */
  public static final String SLSA_V1_PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

  /**
   * Classifies a predicate type.
   *
   * @param predicateType the predicate type URI
   * @return its kind
   */
  public static AttestationKind of(String predicateType) {
    if (PUBLISH_PREDICATE_TYPE.equals(predicateType)) {
      return PUBLISH;
    }
    if (SLSA_V02_PREDICATE_TYPE.equals(predicateType)
        || SLSA_V1_PREDICATE_TYPE.equals(predicateType)) {
      return PROVENANCE;
    }
    return OTHER;
  }
}

package io.backbeat.functions.storage;

/**
 * Which version of an object a stage was told about: the version id in a versioned bucket, otherwise
 * the ETag. Reading by it guarantees a stage processes exactly the bytes the event announced.
 *
 * @param versionId the S3 version id, or null
 * @param eTag the ETag (without quotes), or null
 */
public record ObjectVersion(String versionId, String eTag) {
    public static final ObjectVersion ANY = new ObjectVersion(null, null);

    public ObjectVersion {
        eTag = eTag == null || eTag.isEmpty() ? null : unquote(eTag);
        versionId = versionId == null || versionId.isEmpty() || versionId.equals("null") ? null : versionId;
    }

    /** The identity string used in the ledger: the version id when there is one, else the ETag. */
    public String identity() {
        if (versionId != null) {
            return "v=" + versionId;
        }
        return eTag == null ? "any" : "etag=" + eTag;
    }

    private static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }
}

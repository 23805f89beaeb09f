/// The newsworker version, written in records (`provenance.version`), logs and `newsworker_build_info`.
public enum NewsworkerVersion {
    /// The release version.
    public static let current = "0.1.0"
}

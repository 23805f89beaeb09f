/// Placeholder until the pipeline lands.
public enum WorkerIdentity {}

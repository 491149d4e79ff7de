/// The TĐKT domain: model, aggregations, rule checks (see docs/ARCHITECTURE.md).
public enum DomainLayer {}

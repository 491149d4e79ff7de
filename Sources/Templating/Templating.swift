/// Template filling (see docs/ARCHITECTURE.md).
public enum TemplatingLayer {}

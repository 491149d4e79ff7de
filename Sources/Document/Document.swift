/// Text documents: one model, written as DOCX and ODT (see docs/ARCHITECTURE.md).
public enum DocumentLayer {}

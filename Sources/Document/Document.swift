/// Text documents: one model, written as DOCX and ODT (see docs/ARCHITECTURE.md and
/// docs/NOTES-document-model.md).
public enum DocumentLayer {}

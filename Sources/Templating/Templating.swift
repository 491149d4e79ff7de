/// Template filling: a user's DOCX, ODT, XLSX or ODS template filled from a value tree.
///
/// Stages (docs/templating.md, docs/ARCHITECTURE.md):
/// `XMLTokenizer` (exact bytes) → `PartLexer` (text and delimiters) → `PartCompiler` (tags,
/// loops and their scope) → `PartRenderer` (values, repetition, clean-up) → package writers
/// that copy every unchanged part still compressed.
public enum TemplatingLayer {}

import Testing
@testable import Templating

/// The break style of `--combine` for ODT: a copied paragraph style that already names a page
/// style keeps a single `style:master-page-name` (two would be invalid XML).
@Suite struct ODFCombineStyleTests {
    @Test func anAttributeIsRemovedFromEveryTag() {
        let style = #"<style:style style:name="P1" style:family="paragraph" style:master-page-name="MP0"><style:paragraph-properties style:page-number="2" fo:margin-top="0cm"/></style:style>"#
        let once = ODFCombiner.removingAttribute("style:master-page-name", from: style)
        #expect(once == #"<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties style:page-number="2" fo:margin-top="0cm"/></style:style>"#)
        let both = ODFCombiner.removingAttribute("style:page-number", from: once)
        #expect(both == #"<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm"/></style:style>"#)
        #expect(ODFCombiner.removingAttribute("style:absent", from: style) == style)
    }
}

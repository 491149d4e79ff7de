import Testing
@testable import Document

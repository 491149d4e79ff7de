import Testing
@testable import Vietnamese

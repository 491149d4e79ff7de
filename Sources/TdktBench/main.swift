import OfficeZip
let w = try ZipWriter(path: "/tmp/t1.zip")
try w.add("mimetype", text: "application/vnd.oasis.opendocument.text", method: .store)
try w.add("a/b.txt", text: (0..<200_000).map { "row \($0) " }.joined())
try w.add("small.xml", text: "<a/>")
try w.close()
let r = try ZipReader(path: "/tmp/t1.zip")
for e in r.entries { print(e) }
print(try r.read("a/b.txt").count)

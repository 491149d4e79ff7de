#!/usr/bin/python3
"""Opens files in one headless LibreOffice and converts each to PDF.

usage: libreoffice.py OUTDIR TIMEOUT FILE...   (system python3, which has python3-uno)

One soffice process for the whole batch, with a private profile. Every question LibreOffice
would ask a person while loading (repair a broken package, a filter warning, a read error) is
recorded and answered "no", so a file that needs repair fails to load instead of being
silently mended. Each loaded file is exported to OUTDIR/NAME.pdf. One JSON object per file:
  {"file", "loaded", "requests": [{"type", "message"}], "kind", "pdf", "pages", "error"}
Exit 0 when the probe ran (whatever the files said), 2 when soffice could not be started.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class QuestionRecorder(unohelper.Base, XInteractionHandler):
    """Records each interaction request and declines it."""

    def __init__(self):
        self.requests = []

    def handle(self, request):
        req = request.getRequest()
        kind = getattr(req.__class__, "__pyunostruct__", None) or getattr(req, "typeName", None) or type(req).__name__
        self.requests.append({"type": str(kind), "message": str(getattr(req, "Message", "") or "")[:300]})
        preferred = ("com.sun.star.task.XInteractionDisapprove", "com.sun.star.task.XInteractionAbort")
        continuations = request.getContinuations()
        for name in preferred:
            t = uno.getTypeByName(name)
            for c in continuations:
                try:
                    if c.queryInterface(t) is not None:
                        c.select()
                        return
                except Exception:
                    pass
        if continuations:
            continuations[0].select()


def start(profile, pipe):
    cmd = ["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless", "--invisible",
           "--nologo", "--norestore", "--nodefault", "--nolockcheck",
           "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            return proc, desktop
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("soffice did not start")
            time.sleep(0.25)


def pdf_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    except Exception:
        pass
    return None


def main(argv):
    outdir, timeout, files = argv[0], float(argv[1]), argv[2:]
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="tdkt-lo-profile-")
    pipe = "tdkt_conformance_%d" % os.getpid()
    try:
        proc, desktop = start(profile, pipe)
    except Exception as e:
        print(json.dumps({"fatal": str(e)}), flush=True)
        shutil.rmtree(profile, ignore_errors=True)
        return 2
    try:
        for path in files:
            result = {"file": path, "loaded": False, "requests": [], "kind": None, "pdf": None, "pages": None,
                      "error": None}
            handler = QuestionRecorder()
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            doc = None
            try:
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (
                    prop("Hidden", True), prop("ReadOnly", True), prop("InteractionHandler", handler),
                    prop("MacroExecutionMode", 0)))
                result["requests"] = handler.requests
                if doc is None:
                    result["error"] = "not loaded"
                else:
                    result["loaded"] = True
                    if doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
                        result["kind"], flt = "spreadsheet", "calc_pdf_Export"
                    elif doc.supportsService("com.sun.star.text.TextDocument"):
                        result["kind"], flt = "text", "writer_pdf_Export"
                    else:
                        result["kind"], flt = "other", "writer_pdf_Export"
                    base = os.path.basename(path)
                    pdf = os.path.join(os.path.abspath(outdir), base + ".pdf")
                    doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", flt),))
                    result["pdf"] = pdf
                    result["pages"] = pdf_pages(pdf)
            except Exception as e:
                result["requests"] = handler.requests
                result["error"] = "%s: %s" % (type(e).__name__, str(e)[:300])
            finally:
                timer.cancel()
                if doc is not None:
                    try:
                        doc.close(True)
                    except Exception:
                        pass
            if proc.poll() is not None:
                result["error"] = (result["error"] or "") + " (soffice exited or timed out after %ss)" % timeout
                print(json.dumps(result, ensure_ascii=False), flush=True)
                # One restart for the rest of the batch.
                proc, desktop = start(profile, pipe + "_r%d" % int(time.time()))
                continue
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

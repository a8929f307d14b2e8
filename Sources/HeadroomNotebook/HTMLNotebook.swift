import HeadroomCore
import Ink

/// A notebook as one self-contained HTML page: prose (Markdown, by Ink), code, and outputs
/// with tables (numbers right-aligned) and charts as inline SVG. Inline CSS only: no
/// scripts, fonts or anything else fetched, so it reads offline and prints well.
public enum HTMLNotebook {
    public static func render(
        _ notebook: Notebook, _ result: NotebookRunner.Result, header: FrontMatter, title: String
    ) -> String {
        let parser = MarkdownParser()
        var body: [String] = []
        var codeIndex = -1
        for cell in notebook.cells {
            switch cell {
            case .prose(let r):
                let text = r.map { notebook.lines[$0] }.joined(separator: "\n")
                if !text.allSatisfy({ $0.isWhitespace }) { body.append(parser.html(from: text)) }
            case .output: continue
            case .code(let c):
                codeIndex += 1
                let code = c.body.map { notebook.lines[$0] }.joined(separator: "\n")
                body.append("<pre class=\"code\"><code>\(escape(code))</code></pre>")
                let items = codeIndex < result.cells.count ? result.cells[codeIndex] : []
                if !items.isEmpty { body.append("<div class=\"output\">\n\(output(items))\n</div>") }
            }
        }
        var footer = "Made by Headroom \(escape(header.version))"
        if let today = header.today { footer += " as of \(CivilDate.format(today))" }
        if !header.inputs.isEmpty {
            footer +=
                " from "
                + header.inputs.map { "\(escape($0.name)) (SHA-256 \($0.sha256.prefix(12))…)" }
                .joined(separator: ", ")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            <footer>\(footer)</footer>
            </body>
            </html>

            """
    }

    static func output(_ items: [OutputItem]) -> String {
        var out: [String] = []
        var text: [String] = []
        func flush() {
            if !text.isEmpty { out.append("<pre class=\"result\">\(escape(text.joined(separator: "\n")))</pre>") }
            text = []
        }
        for item in items {
            switch item {
            case .printed(let s): text.append(s)
            case .note(let s): text.append("note: " + s)
            case .error(let s):
                flush()
                out.append("<pre class=\"error\">\(escape(s))</pre>")
            case .block(let whole, let label):
                for part in MarkdownOutput.parts(whole) {
                    guard case .block(let b) = part else {
                        if case .caption(let field) = part {
                            flush()
                            out.append("<p class=\"field\"><strong>\(escape(field))</strong></p>")
                        }
                        continue
                    }
                    switch b {
                    case .table(let t):
                        flush()
                        out.append(table(t))
                    case .chart(let chart):
                        flush()
                        let c = MarkdownOutput.titled(chart, label)
                        out.append(
                            "<figure>\(SVGChart.render(c))<figcaption>\(escape(c.summary))</figcaption></figure>")
                    case .bars(let bars):
                        flush()
                        out.append("<figure>\(SVGBars.render(bars, title: label))</figure>")
                    default: text.append(TextBackend.render(b))
                    }
                }
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    static func table(_ t: Table) -> String {
        let head = t.columns.map { "<th\($0.numeric ? " class=\"num\"" : "")>\(escape($0.header))</th>" }.joined()
        let rows = t.rows.map { row in
            "<tr>"
                + zip(t.columns, row).map { "<td\($0.numeric ? " class=\"num\"" : "")>\(escape($1))</td>" }.joined()
                + "</tr>"
        }
        return "<table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(rows.joined(separator: "\n"))\n</tbody>\n</table>"
    }

    static func escape(_ s: String) -> String { SVGChart.xml(s) }

    static let css = """
        :root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#666;--rule:#ddd;--code:#f5f5f7}
        @media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#aaa;--rule:#444;--code:#222}}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
        main{max-width:62rem;margin:0 auto;padding:1.5rem}
        pre{background:var(--code);padding:.75rem 1rem;overflow-x:auto;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;border-radius:4px}
        pre.code{border-left:3px solid #1f6fb4}
        pre.error{border-left:3px solid #c0392b}
        .output{margin:0 0 1.5rem}
        table{border-collapse:collapse;margin:.75rem 0;font-size:14px}
        th,td{border-bottom:1px solid var(--rule);padding:.3rem .7rem;text-align:left}
        th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:.75rem 0}
        figure svg{max-width:100%;height:auto}
        figcaption{color:var(--muted);font-size:13px}
        footer{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 2rem;color:var(--muted);font-size:13px;border-top:1px solid var(--rule)}
        @media print{pre{white-space:pre-wrap}figure,table{break-inside:avoid}}
        """
}

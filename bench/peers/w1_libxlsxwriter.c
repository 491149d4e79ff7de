/*
 * W1 tally-xlsx peer: libxlsxwriter (C, constant_memory).
 *   w1_libxlsxwriter INPUT.csv OUTPUT.xlsx
 * CSV -> one-sheet XLSX: header row bold with thin borders and a fill; thin borders on every
 * data cell; stt, diem, nam as numbers, the rest as text; column widths; panes frozen below
 * the header. Built by bench/run.py: gcc -O2 w1_libxlsxwriter.c -lxlsxwriter.
 *
 * The CSV reader is a small RFC 4180 one: fields separated by ',', optionally quoted with '"'
 * (a quote inside a quoted field is doubled), records ended by LF or CRLF; a quoted field may
 * hold ',', CR and LF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 64

typedef struct {
    FILE *file;
    char buf[1 << 16];
    size_t len, pos;
    int eof;
} Input;

static int next_byte(Input *in) {
    if (in->pos == in->len) {
        if (in->eof) return EOF;
        in->len = fread(in->buf, 1, sizeof in->buf, in->file);
        in->pos = 0;
        if (in->len == 0) { in->eof = 1; return EOF; }
    }
    return (unsigned char)in->buf[in->pos++];
}

static int peek_byte(Input *in) {
    int c = next_byte(in);
    if (c != EOF) in->pos--;
    return c;
}

typedef struct {
    char *text;          /* all fields of the record, each NUL-terminated */
    size_t cap, used;
    size_t start[MAX_FIELDS];
    int count;
} Record;

static void put(Record *r, char c) {
    if (r->used == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 4096;
        r->text = realloc(r->text, r->cap);
        if (!r->text) { perror("realloc"); exit(1); }
    }
    r->text[r->used++] = c;
}

static void end_field(Record *r) {
    put(r, '\0');
    if (r->count == MAX_FIELDS) { fprintf(stderr, "too many fields\n"); exit(65); }
    r->count++;
    if (r->count < MAX_FIELDS) r->start[r->count] = r->used;
}

/* Reads one record; returns 0 at end of input. */
static int read_record(Input *in, Record *r) {
    r->used = 0;
    r->count = 0;
    r->start[0] = 0;
    int c = next_byte(in);
    if (c == EOF) return 0;
    for (;;) {
        if (c == '"') {                       /* quoted field */
            for (;;) {
                c = next_byte(in);
                if (c == EOF) { fprintf(stderr, "unterminated quoted field\n"); exit(65); }
                if (c == '"') {
                    if (peek_byte(in) == '"') { next_byte(in); put(r, '"'); continue; }
                    break;
                }
                put(r, (char)c);
            }
            c = next_byte(in);
        } else {                              /* plain field */
            while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                put(r, (char)c);
                c = next_byte(in);
            }
        }
        end_field(r);
        if (c == ',') { c = next_byte(in); continue; }
        if (c == '\r' && peek_byte(in) == '\n') next_byte(in);
        return 1;                             /* LF, CRLF, CR or end of input */
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s INPUT.csv OUTPUT.xlsx\n", argv[0]); return 2; }
    Input *in = calloc(1, sizeof *in);
    in->file = fopen(argv[1], "rb");
    if (!in->file) { perror(argv[1]); return 66; }

    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    if (!workbook) { fprintf(stderr, "cannot create %s\n", argv[2]); return 1; }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Tổng hợp");

    lxw_format *header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_pattern(header, LXW_PATTERN_SOLID);
    format_set_bg_color(header, 0xD9E1F2);
    lxw_format *cell = workbook_add_format(workbook);
    format_set_border(cell, LXW_BORDER_THIN);

    Record rec = {0};
    if (!read_record(in, &rec)) { fprintf(stderr, "empty input\n"); return 65; }
    int columns = rec.count;
    int numeric[MAX_FIELDS] = {0};
    static const double widths[] = {7, 24, 40, 26, 32, 8, 7, 28, 14, 50};
    for (int c = 0; c < columns; c++) {
        const char *name = rec.text + rec.start[c];
        numeric[c] = !strcmp(name, "stt") || !strcmp(name, "diem") || !strcmp(name, "nam");
        worksheet_set_column(sheet, c, c, c < 10 ? widths[c] : 16, NULL);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (int c = 0; c < columns; c++)
        worksheet_write_string(sheet, 0, c, rec.text + rec.start[c], header);

    lxw_row_t row = 1;
    while (read_record(in, &rec)) {
        if (rec.count == 1 && rec.text[0] == '\0') continue;   /* blank line */
        for (int c = 0; c < columns; c++) {
            const char *v = c < rec.count ? rec.text + rec.start[c] : "";
            if (*v == '\0')
                worksheet_write_blank(sheet, row, c, cell);
            else if (numeric[c])
                worksheet_write_number(sheet, row, c, strtod(v, NULL), cell);
            else
                worksheet_write_string(sheet, row, c, v, cell);
        }
        row++;
    }
    fclose(in->file);
    lxw_error err = workbook_close(workbook);
    if (err != LXW_NO_ERROR) { fprintf(stderr, "%s\n", lxw_strerror(err)); return 1; }
    return 0;
}

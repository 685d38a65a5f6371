#!/usr/bin/env python3
"""Builds handmade.warc and handmade.warc.gz byte by byte from the WARC 1.1
specification (ISO 28500:2017), without any WARC library, so that newspipe's
reader is tested against files its own writer did not make.

Run from this folder: python3 make_handmade.py
"""
import base64, gzip, hashlib

PAGES = "../pages/"
DATE = "2020-07-15T08:30:00Z"


def digest(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def record(fields, block):
    head = "WARC/1.1\r\n"
    for k, v in fields:
        head += f"{k}: {v}\r\n"
    head += f"WARC-Block-Digest: {digest(block)}\r\n"
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def http_response(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n"
    for k, v in headers:
        head += f"{k}: {v}\r\n"
    return head.encode() + b"\r\n" + body


def chunked(body, size=400):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


n = 0


def rid():
    global n
    n += 1
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def response(uri, status, headers, body, date=DATE):
    block = http_response(status, headers, body)
    return record([
        ("WARC-Type", "response"), ("WARC-Record-ID", rid()), ("WARC-Date", date),
        ("WARC-Target-URI", uri), ("Content-Type", "application/http;msgtype=response"),
        ("WARC-Payload-Digest", digest(body)),
    ], block)


def request(uri, host, path):
    block = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: handmade/1.0\r\n\r\n".encode()
    return record([
        ("WARC-Type", "request"), ("WARC-Record-ID", rid()), ("WARC-Date", DATE),
        ("WARC-Target-URI", uri), ("Content-Type", "application/http;msgtype=request"),
    ], block)


info = b"software: make_handmade.py\r\nformat: WARC File Format 1.1\r\n"
gbk = open(PAGES + "gbk-undeclared.html", "rb").read()
en = open(PAGES + "en-byline-agency-time-first.html", "rb").read()
u1 = "http://news.example.cn/society/2020-07/15/c_1126238.htm"
u2 = "https://www.example.com/world/2021/03/04/harbour.html"
records = [
    record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", rid()), ("WARC-Date", DATE),
            ("WARC-Filename", "handmade.warc"), ("Content-Type", "application/warc-fields")], info),
    request(u1, "news.example.cn", "/society/2020-07/15/c_1126238.htm"),
    # The page declares no charset: only this header says GBK.
    response(u1, "200 OK", [("Content-Type", "text/html; charset=GBK"), ("Content-Length", str(len(gbk)))], gbk),
    request("http://news.example.cn/missing.htm", "news.example.cn", "/missing.htm"),
    response("http://news.example.cn/missing.htm", "404 Not Found", [("Content-Type", "text/html")], b"<html><body><p>Not found</p></body></html>"),
    response("http://news.example.cn/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"),
    request(u2, "www.example.com", "/world/2021/03/04/harbour.html"),
    # Recorded as on the wire: chunked, so the reader must undo it.
    response(u2, "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")], chunked(en),
             date="2021-03-04T10:15:30.123456789Z"),
]
open("handmade.warc", "wb").write(b"".join(records))
with open("handmade.warc.gz", "wb") as f:
    for r in records:  # one gzip member per record, as the spec's annex D recommends
        f.write(gzip.compress(r, mtime=0))

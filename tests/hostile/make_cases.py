#!/usr/bin/env python3
"""Writes the hostile-input cases under tests/hostile/CASE/: the input files,
a study.ini and expected.txt (what tests/test_hostile.c checks):
  exit N                      the exit code
  stderr TEXT                 a substring of standard error
  reject FILE,LINE,COL,REASON a line of rejects.csv (all of them are listed)
  count TABLE READ ACC REJ OOP  the manifest's counts for a table
  metric LINE                 an exact line of metrics.csv
Run from the repository root: python3 tests/hostile/make_cases.py"""
import gzip, os, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
HEAD = "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = 5\nmax_reject_share = 1\n"
RH = b"read_id,timestamp,camera_id,plate\n"
OK = b"r1,2025-05-01T12:00:00Z,C1,ABC123\n"


def case(name, files, expected, extra=""):
    d = os.path.join(ROOT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    sections = ""
    for fname, data in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)
    rf = [f for f in files if f.startswith("reads")]
    if "[reads]" not in extra and rf:
        sections = "[reads]\npath = %s\n" % rf[0]
    with open(os.path.join(d, "study.ini"), "w") as f:
        f.write(HEAD + sections + extra)
    with open(os.path.join(d, "expected.txt"), "w") as f:
        f.write(expected.strip() + "\n")


case("nul_byte", {"reads.csv": RH + OK + b"r2,2025-05-01T12:00:00Z,C\x002,ABC123\n"},
     "exit 0\nreject reads.csv,3,camera_id,contains a NUL byte\ncount reads 2 1 1 0")
case("invalid_utf8", {"reads.csv": RH + OK + b"r2,2025-05-01T12:00:00Z,C\xff2,ABC123\nr3,2025-05-01T12:00:00Z,Caf\xc3\xa9,ABC123\n"},
     "exit 0\nreject reads.csv,3,camera_id,not valid UTF-8\ncount reads 3 2 1 0")
case("big_field", {"reads.csv": b"read_id,timestamp,camera_id,plate,note\n" + b"r1,2025-05-01T12:00:00Z,C1,ABC123,\"" + b"x" * (1 << 20) + b"\"\n"
                   + b"r2,2025-13-01T12:00:00Z,C1,ABC123,short\n"},
     "exit 0\nreject reads.csv,3,timestamp,not a valid timestamp\ncount reads 2 1 1 0")
case("unterminated_quote", {"reads.csv": RH + OK + OK.replace(b"r1", b"r2") + b"r3,2025-05-01T12:00:00Z,C1,\"ABC123\n"},
     "exit 0\nreject reads.csv,4,,unterminated quoted field at end of file\ncount reads 3 2 1 0")
raw = RH + OK * 200
case("truncated_gzip", {"reads.csv.gz": gzip.compress(raw, mtime=0)[:-20]},
     "exit 3\nstderr gzip stream is truncated")
case("concatenated_gzip", {"reads.csv.gz": gzip.compress(RH + OK, mtime=0) + gzip.compress(OK.replace(b"r1", b"r2") * 1, mtime=0)},
     "exit 0\ncount reads 2 2 0 0")
case("bom_crlf", {"reads.csv": b"\xef\xbb\xbf\"read_id\",\"timestamp\",\"camera_id\",\"plate\"\r\n" + OK.replace(b"\n", b"\r\n")
                  + b"r2,2025-02-30T12:00:00Z,C1,ABC123\r\n"},
     "exit 0\nreject reads.csv,3,timestamp,not a valid timestamp\ncount reads 2 1 1 0")
case("ragged_rows", {"reads.csv": RH + OK + b"r2,2025-05-01T12:00:00Z,C1\n" + b"r3,2025-05-01T12:00:00Z,C1,ABC,extra,more\n"},
     "exit 0\nreject reads.csv,3,,\"wrong number of fields: 3 fields, the header has 4\"\n"
     "reject reads.csv,4,,\"wrong number of fields: 6 fields, the header has 4\"\ncount reads 3 1 2 0")
case("duplicate_header", {"reads.csv": b"read_id,timestamp,camera_id,plate,Plate\n" + b"r1,2025-05-01T12:00:00Z,C1,ABC123,X\n"},
     "exit 1\nstderr column 'plate' appears twice in the header")
case("duplicate_ids", {"reads.csv": RH + OK + OK + b"r2,2025-05-02T12:00:00Z,C1,XYZ\n",
                       "hits.csv": b"hit_id,read_id,hotlist,disposition\nh1,r1,manual,confirmed\nh1,r2,manual,misread\n"},
     "exit 0\nreject hits.csv,3,hit_id,duplicate id\ncount reads 3 3 0 0\ncount hits 2 1 1 0\n"
     "metric hits,all,all,1,,,,,none",
     "[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n")
case("impossible_dates", {"reads.csv": RH + OK + b"r2,2025-02-30T12:00:00Z,C1,A1\nr3,2025-13-01T12:00:00Z,C1,A1\n"
                          b"r4,2025-05-01T24:00:00Z,C1,A1\nr5,2025-04-31,C1,A1\n"},
     "exit 0\nreject reads.csv,3,timestamp,not a valid timestamp\nreject reads.csv,4,timestamp,not a valid timestamp\n"
     "reject reads.csv,5,timestamp,not a valid timestamp\nreject reads.csv,6,timestamp,not a valid timestamp\ncount reads 5 1 4 0")
case("dst_gap_overlap", {"reads.csv": RH + b"r1,2025-03-09 02:30:00,C1,A1\nr2,2025-03-09 03:30:00,C1,A1\n"
                         b"r3,2025-11-02 01:30:00,C1,A1\nr4,2024-12-31 23:59:59,C1,A1\n"},
     "exit 0\nreject reads.csv,2,timestamp,local time inside a daylight-saving gap\ncount reads 4 2 1 1")
case("coordinates", {"reads.csv": b"read_id,timestamp,camera_id,plate,lat,lon\n"
                     b"r1,2025-05-01T12:00:00Z,C1,A1,30.2,-97.7\nr2,2025-05-01T12:00:00Z,C1,A1,95,-97.7\n"
                     b"r3,2025-05-01T12:00:00Z,C1,A1,-97.7,30.2\nr4,2025-05-01T12:00:00Z,C1,A1,30.2,-197.7\n"
                     b"r5,2025-05-01T12:00:00Z,C1,A1,30.2x,-97.7\n"},
     "exit 0\nreject reads.csv,3,lat,value out of range\nreject reads.csv,4,lat,value out of range\n"
     "reject reads.csv,5,lon,value out of range\nreject reads.csv,6,lat,not a number\ncount reads 5 1 4 0")
case("population_zero", {"reads.csv": b"read_id,timestamp,camera_id,plate,neighborhood\n"
                         b"r1,2025-05-01T12:00:00Z,C1,A1,Zero\nr2,2025-05-01T12:00:00Z,C1,A2,Zero\nr3,2025-05-01T12:00:00Z,C1,A3,Some\n",
                         "hoods.csv": b"neighborhood,population\nZero,0\nSome,1000\n"},
     "exit 0\ncount reads 3 3 0 0\ncount neighborhoods 2 2 0 0\n"
     "metric reads_per_1k_residents,neighborhood,Zero,,,,2,0,quasi_poisson_days\n"
     "metric exposure_ratio,neighborhood,Zero,,,,2,,bootstrap_days",
     "[reads]\npath = reads.csv\n[neighborhoods]\npath = hoods.csv\n")
case("integer_limits", {"reads.csv": b"read_id,timestamp,camera_id,plate,confidence\n"
                        b"r1,2025-05-01T12:00:00Z,C1,A1,0.5\nr2,2025-05-01T12:00:00Z,C1,A1,1e400\n"
                        b"r3,9223372036854775808,C1,A1,0.5\n",
                        "hoods.csv": b"neighborhood,population\nBig,99999999999999999999\nOk,1000\n"},
     "exit 0\nreject reads.csv,3,confidence,not a number\nreject reads.csv,4,timestamp,not a valid timestamp\n"
     "reject hoods.csv,2,population,value out of range\ncount reads 3 1 2 0\ncount neighborhoods 2 1 1 0",
     "[reads]\npath = reads.csv\n[neighborhoods]\npath = hoods.csv\n")
case("empty_file", {"reads.csv": b""}, "exit 1\nstderr the file is empty (no header row)")
case("header_only", {"reads.csv": RH}, "exit 0\ncount reads 0 0 0 0\nmetric reads,all,all,0,,,,,none")

# ---- the search audit log and the sharing list: the same classes of damage, in their real shapes
# (a Flock audit: two-line "Time Frame" cells, "%m/%d/%Y, %I:%M:%S %p UTC" times; share settings)
FLOCK = ("[searches]\npath = %s\ntimestamp_format = %%m/%%d/%%Y, %%I:%%M:%%S %%p UTC\ntimezone = UTC\n"
         "column.search_id = ID\ncolumn.user = Name\ncolumn.organization = Org Name\n"
         "column.networks_searched = Total Networks Searched\ncolumn.window = Time Frame\n"
         "column.query = License Plate\ncolumn.reason = Reason\ncolumn.case_number = Case #\n"
         "column.timestamp = Search Time\n")
SH = b"ID,Name,Org Name,Total Networks Searched,Time Frame,License Plate,Reason,Case #,Search Time\n"
TF = b'"04/01/2025, 12:00:00 AM UTC\n05/01/2025, 11:59:59 PM UTC"'


def srow(i, user=b"J. Smith", when=b'"05/01/2025, 05:00:00 PM UTC"', nets=b"1", reason=b"stolen car", tf=TF):
    return b"%d,%s,Oakland PD (CA),%s,%s,7ABC123,%s,,%s\n" % (i, user, nets, tf, reason, when)


SHARE = "[sharing]\npath = %s\ncolumn.organization = Organization Name\ncolumn.inbound = Networks Shared With Me\n" \
        "column.outbound = Networks I'm Sharing\n"
SHH = b"Organization Name,Networks Shared With Me,Networks I'm Sharing\n"

case("searches_nul_utf8", {"searches.csv": SH + srow(1) + srow(2, user=b"J. \x00Smith") + srow(3, reason=b"stol\xffen")},
     # a reason is only classified, never written out: bytes that are not UTF-8 keep the record
     "exit 0\nreject searches.csv,4,Name,contains a NUL byte\n"
     "count searches 3 2 1 0\nmetric searches,all,all,2,,,,,none", FLOCK % "searches.csv")
case("searches_bom_crlf", {"searches.csv": b"\xef\xbb\xbf" + (SH + srow(1) + srow(2, when=b'"02/30/2025, 05:00:00 PM UTC"')
                                                                   + srow(3)).replace(b"\n", b"\r\n")},
     "exit 0\nreject searches.csv,4,Search Time,not a valid timestamp\ncount searches 3 2 1 0\n"
     "metric searches,all,all,2,,,,,none", FLOCK % "searches.csv")
case("searches_ragged_unterminated", {"searches.csv": SH + srow(1) + b"2,J. Smith,Oakland PD (CA),1\n" + srow(3)
                                      + b'4,J. Smith,Oakland PD (CA),1,"04/01/2025, 12:00:00 AM UTC\n'},
     "exit 0\nreject searches.csv,4,,\"wrong number of fields: 4 fields, the header has 9\"\n"
     "reject searches.csv,7,,unterminated quoted field at end of file\ncount searches 4 2 2 0",
     FLOCK % "searches.csv")
case("searches_limits_and_window", {"searches.csv": SH + srow(1) + srow(2, nets=b"99999999999999999999")
                                    + srow(3, nets=b"1e400") + srow(4, tf=b'"05/02/2025, 12:00:00 AM UTC\n04/01/2025, 11:59:59 PM UTC"')
                                    + srow(5, tf=b'"yesterday"')},
     "exit 0\nreject searches.csv,4,Total Networks Searched,value out of range\n"
     "reject searches.csv,6,Total Networks Searched,not a number\n"
     "reject searches.csv,8,Time Frame,value out of range: the window starts after its end or after the search\n"
     "reject searches.csv,10,Time Frame,not a valid timestamp: no separator between the window's two ends\n"
     "count searches 5 1 4 0", FLOCK % "searches.csv")
raw = SH + srow(1) * 1 + b"".join(srow(i) for i in range(2, 200))
case("searches_truncated_gzip", {"searches.csv.gz": gzip.compress(raw, mtime=0)[:-20]},
     "exit 3\nstderr gzip stream is truncated", FLOCK % "searches.csv.gz")
case("searches_duplicate_header", {"searches.csv": SH.replace(b"Case #", b"Reason") + srow(1)},
     "exit 1\nstderr searches.csv:1: column 'Reason' appears twice in the header", FLOCK.replace("column.case_number = Case #\n", "")
     % "searches.csv")
case("searches_empty_file", {"searches.csv": b""}, "exit 1\nstderr the file is empty (no header row)", FLOCK % "searches.csv")
case("searches_header_only", {"searches.csv": SH}, "exit 0\ncount searches 0 0 0 0\nmetric searches,all,all,0,,,,,none",
     FLOCK % "searches.csv")
case("sharing_damage", {"sharing.csv": b"\xef\xbb\xbf" + (SHH + b"Oakland PD (CA),Yes,Yes\n" + b"Reno PD (NV),Yes\n"
                                                        + b"Fresno \x00PD (CA),No,Yes\n" + b"Caf\xc3\xa9 Police (CA),No,Yes\n"
                                                        + b"Bad \xff PD,No,Yes\n" + b"Oakland PD (CA),No,No\n"
                                                        + b",Yes,Yes\n").replace(b"\n", b"\r\n")},
     "exit 0\nreject sharing.csv,3,,\"wrong number of fields: 2 fields, the header has 3\"\n"
     "reject sharing.csv,4,Organization Name,contains a NUL byte\nreject sharing.csv,6,Organization Name,not valid UTF-8\n"
     "reject sharing.csv,7,Organization Name,duplicate id: the organization is listed twice (same kind)\n"
     "reject sharing.csv,8,Organization Name,missing value\n"
     "count sharing 7 2 5 0\nmetric sharing_organizations,direction,outbound,2,,,,,none\n"
     "metric sharing_organizations,direction,inbound,1,,,,,none", SHARE % "sharing.csv")
case("sharing_empty_file", {"sharing.csv": b""}, "exit 1\nstderr the file is empty (no header row)", SHARE % "sharing.csv")
case("sharing_header_only", {"sharing.csv": SHH}, "exit 0\ncount sharing 0 0 0 0\n"
     "metric sharing_organizations,direction,outbound,0,,,,,none", SHARE % "sharing.csv")

# ---- the incidents table (Chicago's export shape): damage, repeats and 0,0, and a cut gzip stream
CHI = ("[incidents]\npath = %s\ncolumn.incident_id = Case Number\ncolumn.timestamp = Date\n"
       "timestamp_format = %%m/%%d/%%Y %%I:%%M:%%S %%p\ncolumn.type = Primary Type\n"
       "column.neighborhood = Community Area\ncolumn.lat = Latitude\ncolumn.lon = Longitude\n")
CH = b"ID,Case Number,Date,Primary Type,Community Area,Latitude,Longitude\n"


def crow(i, case_no=None, when=b"05/01/2025 11:30:00 PM", typ=b"THEFT", area=b"25", lat=b"41.9", lon=b"-87.7"):
    return b"%d,%s,%s,%s,%s,%s,%s\n" % (i, case_no or b"JA%d" % i, when, typ, area, lat, lon)


case("incidents_damage", {"incidents.csv": b"\xef\xbb\xbf" + (CH + crow(1) + crow(2, case_no=b"JA1", typ=b"BATTERY")
                                                           + b"3,JA3,05/02/2025 01:00:00 AM,THEFT\n"
                                                           + crow(4, typ=b"THE\x00FT") + crow(5, area=b"Austin\xff")
                                                           + crow(6, area=b"", lat=b"0", lon=b"0")
                                                           + crow(7, when=b"02/30/2025 01:00:00 AM")
                                                           + crow(8, lat=b"1e999")).replace(b"\n", b"\r\n")
                                     + b"9,JA9,\"05/03/2025 01:00:00 AM,THEFT,25,41.9,-87.7\r\n"},
     "exit 0\nreject incidents.csv,4,,\"wrong number of fields: 4 fields, the header has 7\"\n"
     "reject incidents.csv,5,Primary Type,contains a NUL byte\n"
     "reject incidents.csv,6,Community Area,not valid UTF-8\n"
     "reject incidents.csv,8,Date,not a valid timestamp\n"
     "reject incidents.csv,9,Latitude,not a number\n"
     "reject incidents.csv,10,,unterminated quoted field at end of file\n"
     "count incidents 9 3 6 0\nmetric incidents,all,all,2,,,,,none\n"
     "metric incidents,neighborhood,25,1,,,,,none\nmetric incidents,neighborhood,unknown,1,,,,,none\n"
     "metric incidents,type,THEFT,2,,,,,none", CHI % "incidents.csv")
case("incidents_truncated_gzip", {"incidents.csv.gz": gzip.compress(CH + crow(1) * 300, mtime=0)[:-20]},
     "exit 3\nstderr gzip stream is truncated", CHI % "incidents.csv.gz")

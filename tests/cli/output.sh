#!/usr/bin/env bash
# End-to-end tests of -o FILE (summarize and facts share it): a regular file
# is replaced whole and keeps its permission bits, a symbolic link is
# written through and stays a link, a FIFO or device is written as it is,
# and the temporary file is created exclusively.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2
. "$(dirname "$0")/../lib/cli.sh"

ex="$src/examples/harbour-fire"
"$brief" summarize -q "$ex" >"$tmp/want.txt" || bad "summarize example failed"

# A new file, then the same file again: the summary, nothing left beside it.
"$brief" summarize -q -o "$tmp/new.txt" "$ex" && cmp -s "$tmp/want.txt" "$tmp/new.txt" && ok || bad "new file"
"$brief" summarize -q -o "$tmp/new.txt" "$ex" && cmp -s "$tmp/want.txt" "$tmp/new.txt" && ok || bad "replaced file"
ls "$tmp" | grep -q '\.tmp\.' && bad "temporary file left behind" || ok

# A symbolic link is written through: the target gets the summary and the
# link stays a link, also for a link to a link and one whose target is new.
mkdir "$tmp/links"
echo old >"$tmp/links/target.txt"
ln -s target.txt "$tmp/links/link.txt"
ln -s link.txt "$tmp/links/link2.txt"
ln -s "$tmp/links/fresh.txt" "$tmp/links/dangling.txt"
"$brief" summarize -q -o "$tmp/links/link2.txt" "$ex" || bad "summarize through a link failed"
[ -L "$tmp/links/link.txt" ] && [ -L "$tmp/links/link2.txt" ] && ok || bad "-o replaced a symbolic link"
cmp -s "$tmp/want.txt" "$tmp/links/target.txt" && ok || bad "link target not written"
"$brief" facts -q -o "$tmp/links/dangling.txt" "$ex" || bad "facts through a dangling link failed"
[ -L "$tmp/links/dangling.txt" ] && grep -q . "$tmp/links/fresh.txt" && ok || bad "dangling link not written through"
ln -s loop1 "$tmp/links/loop2"
ln -s loop2 "$tmp/links/loop1"
expect_error "link loop" 1 "loop1: Too many levels of symbolic links" -- "$brief" summarize -q -o "$tmp/links/loop1" "$ex"

# The mode of the replaced file is kept (set-id bits are not).
echo secret >"$tmp/private.txt"
chmod 600 "$tmp/private.txt"
"$brief" summarize -q -o "$tmp/private.txt" "$ex" && [ "$(stat -c %a "$tmp/private.txt")" = 600 ] && ok || bad "mode 600 not kept: $(stat -c %a "$tmp/private.txt")"
chmod 640 "$tmp/private.txt"
"$brief" summarize -q -o "$tmp/private.txt" "$ex" && [ "$(stat -c %a "$tmp/private.txt")" = 640 ] && ok || bad "mode 640 not kept"

# A FIFO is written as it is, not replaced by a file.
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/from-fifo.txt" &
reader=$!
timeout 20 "$brief" summarize -q -o "$tmp/fifo" "$ex" || bad "summarize to a FIFO failed"
wait "$reader"
[ -p "$tmp/fifo" ] && ok || bad "-o replaced a FIFO"
cmp -s "$tmp/want.txt" "$tmp/from-fifo.txt" && ok || bad "FIFO reader got something else"

# A character device likewise (a private null device: making one needs root).
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null; then
  "$brief" summarize -q -o "$tmp/null" "$ex" && [ -c "$tmp/null" ] && ok || bad "-o replaced a character device"
else
  echo "skipped: character device case (needs root)"
fi

# The temporary file is created exclusively: links planted where it would
# go (PATH.tmp.PID, PATH.tmp.PID.0; exec keeps the shell's PID) are neither
# followed nor renamed into place.
echo untouched >"$tmp/victim.txt"
bash -c 'ln -s "$1" "$2.tmp.$$"; ln -s "$1" "$2.tmp.$$.0"; exec "$3" summarize -q -o "$2" "$4"' \
  _ "$tmp/victim.txt" "$tmp/planted.txt" "$brief" "$ex" || bad "summarize beside planted links failed"
[ "$(cat "$tmp/victim.txt")" = untouched ] && ok || bad "a planted temporary link was followed"
[ -f "$tmp/planted.txt" ] && [ ! -L "$tmp/planted.txt" ] && cmp -s "$tmp/want.txt" "$tmp/planted.txt" && ok || bad "planted link renamed into place"

# A folder is refused with one line; nothing is written.
mkdir "$tmp/folder"
expect_error "output is a folder" 1 "folder: Is a directory" -- "$brief" summarize -q -o "$tmp/folder" "$ex"
[ -z "$(ls "$tmp/folder")" ] && ok || bad "something written into the folder"

finish

#!/bin/sh
# 0xxx: build sanity, --help, --version, usage errors and exit codes.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'both programs exist and print --version' '
    "$CJKINDEX" --version | grep -q "^cjkindex " &&
    "$CJKSEARCH" --version | grep -q "^cjksearch "
'
test_expect_success '--help exits 0 and shows usage' '
    "$CJKINDEX" --help | grep -q "^usage: cjkindex" &&
    "$CJKSEARCH" --help | grep -q "^usage: cjksearch"
'
test_expect_success 'an unknown option is a usage error (2)' '
    test_expect_code 2 "$CJKINDEX" --no-such-option 2>err &&
    test_expect_code 2 "$CJKSEARCH" --no-such-option 2>>err &&
    grep -q "usage:" err
'
test_expect_success 'cjkindex without paths is a usage error' '
    test_expect_code 2 "$CJKINDEX" -d db 2>err &&
    grep -q "nothing to do" err
'
test_expect_success 'cjksearch on a missing database exits 3 and names it' '
    test_expect_code 3 "$CJKSEARCH" -d nowhere.db 微软 2>err &&
    grep -q "nowhere.db" err
'
test_expect_success '-n rejects a bad number' '
    test_expect_code 2 "$CJKSEARCH" -n abc 微软 2>err &&
    grep -q "\-n wants a number" err
'
test_done

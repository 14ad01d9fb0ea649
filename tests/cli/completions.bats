#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Completions: drive each binary's bash completion function (COMP_WORDS,
# COMP_CWORD) and check its answers against the man page's OPTIONS (every
# flag, every enumerated value, file arguments, topic names); the zsh and
# fish files load in their shells, and fish answers for flags and values.
# In the package stage (KTK_BIN_DIR=/usr/bin) the installed files are used.

load helpers
load completion-helpers

setup() {
	bins=()
	local b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		[ -x "$b" ] && bins+=("$(basename "$b")")
	done
	[ ${#bins[@]} -gt 0 ] || fail "no ktk-* binaries in $KTK_BIN_DIR"
}

# man_options NAME: the OPTIONS of man/NAME.1, one line each:
# SHORT|LONG|ARGNAME|CHOICES (CHOICES space-separated, from "One of: ...")
man_options() {
	awk '
	function unesc(s) {
		gsub(/\\f[BIRP]/, "", s); gsub(/\\-/, "-", s); gsub(/\\e/, "\\", s)
		gsub(/\\&/, "", s); return s
	}
	function flush(   h, n, f, i, s, l, a, c) {
		if (!have) return
		h = unesc(head); s = ""; l = ""; a = ""
		n = split(h, f, / +/)
		for (i = 1; i <= n; i++) {
			if (f[i] ~ /^-/) sub(/,$/, "", f[i])
			if (f[i] ~ /^--/) l = substr(f[i], 3)
			else if (f[i] ~ /^-./) s = substr(f[i], 2)
			else if (f[i] != "") a = f[i]
		}
		c = ""
		h = unesc(help)
		if (match(h, /One of: [^.]*\.[ ]*$/)) {
			c = substr(h, RSTART + 8, RLENGTH - 8)
			sub(/\.[ ]*$/, "", c); gsub(/, /, " ", c)
		}
		print s "|" l "|" a "|" c
		have = 0
	}
	/^\.SH OPTIONS/ { ino = 1; next }
	/^\.SH / { if (ino) flush(); ino = 0; next }
	!ino { next }
	/^\.TP/ { flush(); hdr = 1; next }
	hdr { head = $0; hdr = 0; help = ""; have = 1; next }
	have { help = help " " $0 }
	END { flush() }' "$KTK_TOP/man/$1.1"
}

@test "bash: every flag of the man page completes, and nothing else" {
	local n want got
	for n in "${bins[@]}"; do
		want=$(man_options "$n" | awk -F'|' '{ print "--" $2 }' | sort)
		[ -n "$want" ] || fail "$n: no OPTIONS in man/$n.1"
		got=$(complete_bash "$n" --)
		[ "$got" = "$want" ] || fail "$n: completing -- gave $(echo $got), the man page has $(echo $want)"
		# short flags with a single dash
		want=$(man_options "$n" | awk -F'|' '$1 != "" { print "-" $1 }' | sort)
		got=$(complete_bash "$n" - | grep -v -- '^--' || true)
		[ "$got" = "$want" ] || fail "$n: completing - gave $(echo $got), the man page has $(echo $want)"
		# a prefix narrows the list
		got=$(complete_bash "$n" --hel)
		[ "$got" = "--help" ] || fail "$n: completing --hel gave $(echo $got)"
	done
}

@test "bash: every enumerated value completes after its flag, long and short" {
	local n line s l a c got k=0
	for n in "${bins[@]}"; do
		while IFS='|' read -r s l a c; do
			[ -n "$c" ] || continue
			k=$((k + 1))
			got=$(complete_bash "$n" "--$l" "" | tr '\n' ' ')
			[ "$got" = "$(tr ' ' '\n' <<<"$c" | sort | tr '\n' ' ')" ] ||
				fail "$n --$l: values $got, the man page says $c"
			if [ -n "$s" ]; then
				got=$(complete_bash "$n" "-$s" "" | tr '\n' ' ')
				[ "$got" = "$(tr ' ' '\n' <<<"$c" | sort | tr '\n' ' ')" ] ||
					fail "$n -$s: values $got, the man page says $c"
			fi
			# the first value's first letter keeps exactly the values with it
			local first=${c%% *}
			got=$(complete_bash "$n" "--$l" "${first:0:1}" | tr '\n' ' ')
			[ "$got" = "$(tr ' ' '\n' <<<"$c" | grep "^${first:0:1}" | sort | tr '\n' ' ')" ] ||
				fail "$n --$l ${first:0:1}: $got"
		done < <(man_options "$n")
	done
	[ "$k" -gt 0 ] || skip "no binary built here has an enumerated option"
}

@test "bash: file arguments complete file names, other values do not" {
	cd "$BATS_TEST_TMPDIR"
	mkdir sub
	touch alpha.properties beta.txt sub/gamma
	local n s l a c got k=0
	for n in "${bins[@]}"; do
		while IFS='|' read -r s l a c; do
			[ -n "$a" ] || continue
			case $a in
			FILE*)
				k=$((k + 1))
				got=$(complete_bash "$n" "--$l" al)
				[ "$got" = alpha.properties ] || fail "$n --$l al: gave '$got', not the file"
				got=$(complete_bash "$n" "--$l" sub/)
				[ "$got" = sub/gamma ] || fail "$n --$l sub/: gave '$got'"
				;;
			TOPIC* | GROUP | *FILE* | DIR*) ;;
			*)
				[ -n "$c" ] && continue
				got=$(complete_bash "$n" "--$l" al)
				[ -z "$got" ] || fail "$n --$l $a: a value that is no file completed to '$got'"
				;;
			esac
		done < <(man_options "$n")
		# positional file arguments, where the usage line has them
		if "$KTK_BIN_DIR/$n" --help | head -n 1 | grep -q 'FILE'; then
			k=$((k + 1))
			got=$(complete_bash "$n" be)
			[ "$got" = beta.txt ] || fail "$n: positional file completed to '$got'"
		fi
	done
	[ "$k" -gt 0 ] || skip "no binary built here takes a file argument"
}

@test "bash: topic arguments complete from ktk-topics --list, with the -b given" {
	# a stand-in ktk-topics that records its arguments and lists two topics
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	cat >"$BATS_TEST_TMPDIR/fake/ktk-topics" <<FAKE
#!/bin/sh
echo "\$*" > "$BATS_TEST_TMPDIR/args"
printf 'orders\npayments\nother\n'
FAKE
	chmod +x "$BATS_TEST_TMPDIR/fake/ktk-topics"
	local n s l a c got k=0
	for n in "${bins[@]}"; do
		while IFS='|' read -r s l a c; do
			[ "$a" = TOPIC ] || continue
			k=$((k + 1))
			got=$(PATH="$BATS_TEST_TMPDIR/fake:$PATH" complete_bash "$n" -b 127.0.0.1:9 "--$l" "" | tr '\n' ' ')
			[ "$got" = "orders other payments " ] || fail "$n --$l: topics '$got'"
			assert_equal "$(cat "$BATS_TEST_TMPDIR/args")" "-b 127.0.0.1:9 --list -q"
			got=$(PATH="$BATS_TEST_TMPDIR/fake:$PATH" complete_bash "$n" "--$l" or)
			[ "$got" = orders ] || fail "$n --$l or: '$got'"
		done < <(man_options "$n")
	done
	[ "$k" -gt 0 ] || skip "no binary built here takes a topic argument"
}

@test "bash: group arguments complete from ktk-groups --list, with the -b given" {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	cat >"$BATS_TEST_TMPDIR/fake/ktk-groups" <<FAKE
#!/bin/sh
echo "\$*" > "$BATS_TEST_TMPDIR/args"
printf 'billing\nbatch\nother\n'
FAKE
	chmod +x "$BATS_TEST_TMPDIR/fake/ktk-groups"
	local n s l a c got k=0
	for n in "${bins[@]}"; do
		while IFS='|' read -r s l a c; do
			[ "$a" = GROUP ] || continue
			k=$((k + 1))
			got=$(PATH="$BATS_TEST_TMPDIR/fake:$PATH" complete_bash "$n" -b 127.0.0.1:9 "--$l" "" | tr '\n' ' ')
			[ "$got" = "batch billing other " ] || fail "$n --$l: groups '$got'"
			assert_equal "$(cat "$BATS_TEST_TMPDIR/args")" "-b 127.0.0.1:9 --list -q"
			got=$(PATH="$BATS_TEST_TMPDIR/fake:$PATH" complete_bash "$n" "--$l" bi)
			[ "$got" = billing ] || fail "$n --$l bi: '$got'"
		done < <(man_options "$n")
	done
	[ "$k" -gt 0 ] || skip "no binary built here takes a group argument"
}

@test "zsh: every completion file parses and compinit binds it to its binary" {
	command -v zsh >/dev/null || fail "zsh is not installed (packaging/deps installs it)"
	local n f dir
	for n in "${bins[@]}"; do
		f=$(comp_file zsh "$n")
		run zsh -n "$f"
		assert_success
		dir=$(dirname "$f")
		run zsh -f -c "fpath=('$dir' \$fpath); autoload -U compinit; compinit -u -D
			print -r -- \${_comps[$n]}; autoload +X _$n && print loaded"
		assert_success
		assert_line "_$n"
		assert_line loaded
		refute_output --partial "error"
	done
}

@test "fish: every completion file parses, loads, and answers flags and values" {
	command -v fish >/dev/null || fail "fish is not installed (packaging/deps installs it)"
	local n f s l a c got
	for n in "${bins[@]}"; do
		f=$(comp_file fish "$n")
		run fish -n "$f"
		assert_success
		assert_output ""
		run fish -c "source '$f'; complete -C '$n --'"
		assert_success
		assert_line --regexp "^--help[[:space:]]"
		got=$(fish -c "source '$f'; complete -C '$n --'" | cut -f1 | sort)
		[ "$got" = "$(man_options "$n" | awk -F'|' '{ print "--" $2 }' | sort)" ] ||
			fail "$n: fish completes $(echo $got)"
		while IFS='|' read -r s l a c; do
			[ -n "$c" ] || continue
			got=$(fish -c "source '$f'; complete -C '$n --$l '" | cut -f1 | sort | tr '\n' ' ')
			[ "$got" = "$(tr ' ' '\n' <<<"$c" | sort | tr '\n' ' ')" ] ||
				fail "$n --$l: fish values $got, the man page says $c"
		done < <(man_options "$n")
	done
}

@test "bash: the live topic lookup uses --bootstrap-server=ADDR, --cluster, -F, --command-config and -X KEY=VALUE typed before" {
	fake_lister ktk-topics
	export PATH="$BATS_TEST_TMPDIR/fake:$PATH"
	local got
	# the = form, split by bash at = and : (the old lookup asked localhost)
	got=$(complete_bash_line ktk-consumer "ktk-consumer --bootstrap-server=127.0.0.1:9 -t " | tr '\n' ' ')
	assert_equal "$got" "orders payments "
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "-b 127.0.0.1:9 --list -q "
	# a SASL cluster: everything that says how to connect, in order
	complete_bash_line ktk-producer "ktk-producer -F my.conf --cluster prod --command-config c.properties -X security.protocol=SASL_SSL -X list -t o" >/dev/null
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "-F my.conf --cluster prod --command-config c.properties -X security.protocol=SASL_SSL --list -q "
	got=$(complete_bash_line ktk-consumer "ktk-consumer --cluster=prod --config=k.conf --command-property=sasl.username=u --topic pa")
	assert_equal "$got" payments
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "--cluster=prod -F k.conf -X sasl.username=u --list -q "
	# ktk-topics' own --config KEY=VALUE is a topic's, not the config file
	complete_bash_line ktk-topics "ktk-topics --create --config retention.ms=1 --ktk-config k.conf -b h:1 -t " >/dev/null
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "-F k.conf -b h:1 --list -q "
	# the group lookup the same way
	fake_lister ktk-groups
	complete_bash_line ktk-groups "ktk-groups --bootstrap-server=h:2 -X sasl.password=p --describe --group " >/dev/null
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "-b h:2 -X sasl.password=p --list -q "
}

@test "zsh and fish: the live topic lookup uses the same connection words" {
	command -v zsh >/dev/null || fail "zsh is not installed (packaging/deps installs it)"
	command -v fish >/dev/null || fail "fish is not installed (packaging/deps installs it)"
	local f got
	f=$(comp_file zsh ktk-consumer)
	got=$(zsh -f -c "$(sed -n '/^_ktk_conn_args() {/,/^}/p' "$f")
		words=(ktk-consumer --bootstrap-server=127.0.0.1:9 --cluster prod -F k.conf --command-config c.properties -X sasl.mechanism=PLAIN -X dump -t '')
		CURRENT=\${#words}; _ktk_conn_args; print -r -- \"\${reply[*]}\"")
	assert_equal "$got" "-b 127.0.0.1:9 --cluster prod -F k.conf --command-config c.properties -X sasl.mechanism=PLAIN"
	fake_lister ktk-topics
	f=$(comp_file fish ktk-consumer)
	got=$(PATH="$BATS_TEST_TMPDIR/fake:$PATH" fish -c "source '$f'; complete -C 'ktk-consumer --bootstrap-server=127.0.0.1:9 --command-config c.properties -X sasl.username=u -t '" | cut -f1 | sort | tr '\n' ' ')
	assert_equal "$got" "orders payments "
	assert_equal "$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/args")" "-b 127.0.0.1:9 --command-config c.properties -X sasl.username=u --list -q "
}

@test "values offered for -o, --until, -X and the --property keys; each one is taken" {
	local got w v
	got=$(complete_bash ktk-consumer -o "" | tr '\n' ' ')
	assert_equal "$got" "$(printf '%s\n' @ @- beginning e@ earliest end latest s@ stored | sort | tr '\n' ' ')"
	assert_equal "$(complete_bash ktk-consumer -o s | tr '\n' ' ')" "s@ stored "
	assert_equal "$(complete_bash ktk-consumer --until "" | tr '\n' ' ')" "@ @- "
	assert_equal "$(complete_bash ktk-producer -X "" | tr '\n' ' ')" "dump list "
	assert_equal "$(complete_bash ktk-consumer --property print.k)" print.key=
	assert_equal "$(complete_bash ktk-producer --property parse.)" "$(printf 'parse.headers=\nparse.key=')"
	# zsh and fish offer the same
	assert_regex "$(cat "$(comp_file zsh ktk-consumer)")" "print\.key= print\.value="
	got=$(fish -c "source '$(comp_file fish ktk-consumer)'; complete -C 'ktk-consumer -o '" | cut -f1 | sort | tr '\n' ' ')
	assert_equal "$got" "$(printf '%s\n' @ @- beginning e@ earliest end latest s@ stored | sort | tr '\n' ' ')"
	# every start offered, completed, is a start the consumer takes
	for w in $(complete_bash ktk-consumer -o ""); do
		case $w in @) v=@0 ;; @-) v=@-1h ;; s@) v=s@0 ;; e@) v=e@1000 ;; *) v=$w ;; esac
		run --separate-stderr ktk-consumer -b h:1 -t x -g G -o "$v" -X dump
		assert_success
	done
	# every formatter property offered is one the consumer knows
	for w in $(complete_bash ktk-consumer --property ""); do
		case $w in print.*) v=true ;; *deserializer=) v=org.apache.kafka.common.serialization.StringDeserializer ;; *) v='#' ;; esac
		run --separate-stderr ktk-consumer -b h:1 -t x --property "$w$v" -X dump
		assert_success
	done
	# and every reader property offered one the producer knows
	for w in $(complete_bash ktk-producer --property ""); do
		case $w in parse.* | ignore.*) v=true ;; *) v='#' ;; esac
		run --separate-stderr ktk-producer -t x --partition-count 1 --dry-run --property "$w$v" </dev/null
		assert_success
		[[ $stderr != *unknown* ]] || fail "$w: $stderr"
	done
}

"""Checks the editor recipes of docs/editor.md.

Every configuration block of the page is preceded by a comment naming its
recipe, <!-- recipe: NAME -->. For each recipe this script checks what can be
checked without the editor: the block parses in its language, the settings
it names are settings the editor (or its plugin) defines, the executables are
the ones this project's build produces (and exist in the build directory) or
Debian's clang-tidy 22, and the command-line options it passes exist in that
executable's --help. With --extract DIR it also writes each block to
DIR/<recipe> so that a test can run it (the .clangd fragments).

Usage: check_editor.py DOCS_EDITOR_MD BUILD_DIR [--extract DIR]
Prints one line per recipe, then 'N recipes, M problems'; exits 1 on problems.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

# Where the page says the project was cloned and built, and the products of
# that build (paths relative to the clone).
CLONE = "/opt/shutdown-hazards"
PRODUCTS = {
    "build/bin/shutdown-clangd",
    "build/bin/shutdown-tidy",
    "build/bin/shutdown-hazards",
    "build/lib/ShutdownHazardsTidyPlugin.so",
}
STOCK_TIDY = "/usr/lib/llvm-22/bin/clang-tidy"

# Settings the editors define, from their own definitions:
# vscode-clangd's package.json (contributes.configuration), vscode-cpptools'
# Extension/package.json, Neovim's vim.lsp.Config fields, ALE's
# ale_linters/cpp/clangtidy.vim and autoload/ale/c.vim, flycheck-clang-tidy.el.
VSCODE_CLANGD = {
    "clangd.arguments", "clangd.checkUpdates", "clangd.detectExtensionConflicts",
    "clangd.enable", "clangd.fallbackFlags", "clangd.onConfigChanged",
    "clangd.path", "clangd.restartAfterCrash", "clangd.trace",
}
VSCODE_CPPTOOLS = {
    "C_Cpp.codeAnalysis.clangTidy.args",
    "C_Cpp.codeAnalysis.clangTidy.checks.disabled",
    "C_Cpp.codeAnalysis.clangTidy.checks.enabled",
    "C_Cpp.codeAnalysis.clangTidy.config",
    "C_Cpp.codeAnalysis.clangTidy.enabled",
    "C_Cpp.codeAnalysis.clangTidy.fallbackConfig",
    "C_Cpp.codeAnalysis.clangTidy.headerFilter",
    "C_Cpp.codeAnalysis.clangTidy.path",
    "C_Cpp.codeAnalysis.clangTidy.useBuildPath",
    "C_Cpp.codeAnalysis.runAutomatically",
    "C_Cpp.default.compileCommands",
}
NEOVIM_CONFIG = {"cmd", "filetypes", "root_markers", "capabilities",
                 "init_options", "settings", "on_attach"}
ALE = {
    "ale_linters", "ale_cpp_clangtidy_executable", "ale_cpp_clangtidy_checks",
    "ale_cpp_clangtidy_options", "ale_cpp_clangtidy_extra_options",
    "ale_c_build_dir", "ale_c_build_dir_names",
}
FLYCHECK = {"flycheck-c/c++-clang-tidy-executable", "flycheck-clang-tidy-executable",
            "flycheck-clang-tidy-build-path", "flycheck-clang-tidy-extra-options",
            "flycheck-clang-tidy"}
EMACS_CC_MODES = {"c-mode", "c++-mode", "c-ts-mode", "c++-ts-mode"}
MSBUILD = {"EnableClangTidyCodeAnalysis", "EnableMicrosoftCodeAnalysis",
           "RunCodeAnalysis", "ClangTidyToolPath", "ClangTidyToolExe",
           "ClangTidyChecks", "ClangTidyToolExeAdditionalOptions"}

# The recipes the page must have, and the language of each block.
RECIPES = {
    "clangd-project": "yaml",
    "clangd-user": "yaml",
    "vscode-clangd": "json",
    "vscode-cpptools": "json",
    "vscode-cpptools-plugin": "json",
    "neovim-lsp": "lua",
    "ale": "vim",
    "ale-plugin": "vim",
    "emacs-eglot": "elisp",
    "emacs-flycheck": "elisp",
    "emacs-flycheck-plugin": "elisp",
    "visual-studio": "xml",
    "plugin-command": "sh",
    "refresh-command": "sh",
}


class Checker:
    def __init__(self, build_dir):
        self.build_dir = build_dir
        self.problems = []
        self.helps = {}

    def problem(self, recipe, message):
        self.problems.append(f"error: {recipe}: {message}")

    def help_of(self, product):
        """The --help-hidden text of a build product or of stock clang-tidy."""
        if product not in self.helps:
            exe = STOCK_TIDY if product == "clang-tidy" else os.path.join(
                self.build_dir, product[len("build/"):])
            out = subprocess.run([exe, "--help-hidden"], capture_output=True,
                                 text=True)
            self.helps[product] = out.stdout + out.stderr
        return self.helps[product]

    def executable(self, recipe, path):
        """Checks a path names a product of the build or stock clang-tidy;
        returns the product ('build/bin/...' or 'clang-tidy') or None."""
        if path == STOCK_TIDY:
            if not os.path.exists(STOCK_TIDY):
                self.problem(recipe, f"{STOCK_TIDY} does not exist")
            return "clang-tidy"
        if not path.startswith(CLONE + "/"):
            self.problem(recipe, f"'{path}' is neither in {CLONE} nor {STOCK_TIDY}")
            return None
        rel = path[len(CLONE) + 1:]
        if rel not in PRODUCTS:
            self.problem(recipe, f"'{path}' is not a product of the build")
            return None
        if not os.path.exists(os.path.join(self.build_dir, rel[len("build/"):])):
            self.problem(recipe, f"the build has no {rel}")
        return rel

    def options(self, recipe, product, args):
        """Checks each --option of args exists in the product's help."""
        if product is None or product.endswith(".so"):
            return
        text = self.help_of(product)
        for arg in args:
            m = re.match(r"--?([a-z][a-z0-9-]*)", arg)
            if not m:
                continue
            if not re.search(r"^\s+--?" + re.escape(m.group(1)) + r"\b", text, re.M):
                self.problem(recipe, f"'{arg}': no option '{m.group(1)}' in {product} --help-hidden")
            if m.group(1) == "load":
                self.executable(recipe, arg.split("=", 1)[1])

    # ---- one function per language --------------------------------------

    def yaml(self, recipe, text):
        # The .clangd fragment: run by the test itself (--extract); here the
        # keys clangd 22 reads (ConfigYAML.cpp) and the settings that matter.
        keys = re.findall(r"^\s*([A-Za-z]+):", text, re.M)
        for k in keys:
            if k not in {"Diagnostics", "ClangTidy", "Add", "Remove",
                         "FastCheckFilter", "CheckOptions", "CompileFlags"}:
                self.problem(recipe, f"'{k}' is not a clangd configuration key")
        if not re.search(r"FastCheckFilter:\s*(Loose|None)\b", text):
            self.problem(recipe, "no FastCheckFilter: Loose (or None)")
        if recipe == "clangd-project" and "shutdown-*" not in text:
            self.problem(recipe, "does not add shutdown-*")

    def json(self, recipe, text):
        try:
            settings = json.loads(text)
        except json.JSONDecodeError as e:
            self.problem(recipe, f"not JSON: {e}")
            return
        known = VSCODE_CLANGD if recipe == "vscode-clangd" else VSCODE_CPPTOOLS
        for k in settings:
            if k not in known:
                self.problem(recipe, f"'{k}' is not a setting of the extension")
        if recipe == "vscode-clangd":
            product = self.executable(recipe, settings.get("clangd.path", ""))
            if product != "build/bin/shutdown-clangd":
                self.problem(recipe, "clangd.path is not shutdown-clangd")
            self.options(recipe, product, settings.get("clangd.arguments", []))
        else:
            if settings.get("C_Cpp.codeAnalysis.clangTidy.enabled") is not True:
                self.problem(recipe, "clang-tidy is not enabled")
            product = self.executable(
                recipe, settings.get("C_Cpp.codeAnalysis.clangTidy.path", ""))
            want = "clang-tidy" if recipe.endswith("plugin") else "build/bin/shutdown-tidy"
            if product != want:
                self.problem(recipe, f"the clang-tidy path is not {want}")
            args = settings.get("C_Cpp.codeAnalysis.clangTidy.args", [])
            self.options(recipe, product, args)
            if want == "clang-tidy" and not any(a.startswith("--load=") for a in args):
                self.problem(recipe, "stock clang-tidy without --load")

    def lua(self, recipe, text):
        if text.count("{") != text.count("}") or text.count("(") != text.count(")"):
            self.problem(recipe, "unbalanced braces or parentheses")
        m = re.search(r"vim\.lsp\.config\(\s*'([^']+)',\s*\{(.*)\}\s*\)", text, re.S)
        if not m:
            self.problem(recipe, "no vim.lsp.config('name', { ... })")
            return
        name, body = m.group(1), m.group(2)
        if f"vim.lsp.enable('{name}')" not in text:
            self.problem(recipe, f"'{name}' is configured but not enabled")
        fields = dict(re.findall(r"(\w+)\s*=\s*\{([^}]*)\}", body))
        for f in fields:
            if f not in NEOVIM_CONFIG:
                self.problem(recipe, f"'{f}' is not a vim.lsp.Config field")
        cmd = re.findall(r"'([^']*)'", fields.get("cmd", ""))
        if not cmd:
            self.problem(recipe, "no cmd")
            return
        product = self.executable(recipe, cmd[0])
        if product != "build/bin/shutdown-clangd":
            self.problem(recipe, "cmd does not start shutdown-clangd")
        self.options(recipe, product, cmd[1:])

    def vim(self, recipe, text):
        values = {}
        for line in text.splitlines():
            if not line.strip() or line.strip().startswith('"'):
                continue
            m = re.match(r"let g:(\w+) = (.+)$", line.strip())
            if not m:
                self.problem(recipe, f"not a 'let g:name = value' line: {line!r}")
                continue
            if m.group(1) not in ALE:
                self.problem(recipe, f"'g:{m.group(1)}' is not an ALE variable")
            value = re.sub(r"'[^']*'", "''", m.group(2))
            if value.count("[") != value.count("]") or value.count("{") != value.count("}"):
                self.problem(recipe, f"not valid Vim script: {line!r}")
            values[m.group(1)] = m.group(2)
        exe = re.fullmatch(r"'([^']*)'", values.get("ale_cpp_clangtidy_executable", ""))
        product = self.executable(recipe, exe.group(1) if exe else "")
        want = "clang-tidy" if recipe.endswith("plugin") else "build/bin/shutdown-tidy"
        if product != want:
            self.problem(recipe, f"the clangtidy executable is not {want}")
        extra = re.fullmatch(r"'([^']*)'", values.get("ale_cpp_clangtidy_extra_options", "''"))
        self.options(recipe, product, extra.group(1).split() if extra else [])
        if "ale_linters" in values and "'clangtidy'" not in values["ale_linters"]:
            self.problem(recipe, "ale_linters does not run clangtidy")
        self.vim_source(recipe, text, values)

    def vim_source(self, recipe, text, values):
        """Where Vim is installed, sources the block: its syntax is Vim's."""
        vim = "/usr/bin/vim"
        if not os.path.exists(vim):
            return
        script = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"check-editor-{os.getpid()}.vim")
        with open(script, "w") as f:
            f.write(text)
        try:
            out = subprocess.run(
                [vim, "-Nu", "NONE", "-i", "NONE", "-es", "-c", f"source {script}",
                 "-c", "echo g:ale_cpp_clangtidy_executable", "-c", "qa!"],
                capture_output=True, text=True, timeout=30)
        finally:
            os.unlink(script)
        if out.returncode != 0 or re.search(r"\bE\d+:", out.stdout + out.stderr):
            self.problem(recipe, "not valid Vim script (Vim cannot source it): "
                         + (out.stdout + out.stderr).strip())

    def elisp(self, recipe, text):
        forms = read_sexps(recipe, text, self)
        flat = " ".join(flatten(forms))
        strings = [s for s in flatten(forms) if s.startswith('"')]
        if recipe == "emacs-eglot":
            if "eglot-server-programs" not in flat:
                self.problem(recipe, "does not add to eglot-server-programs")
            modes = {m for m in flatten(forms) if m.endswith("-mode") and m != "eglot"}
            for m in modes - EMACS_CC_MODES - {"add-to-list"}:
                self.problem(recipe, f"'{m}' is not a C/C++ major mode")
            product = self.executable(recipe, strings[0].strip('"') if strings else "")
            if product != "build/bin/shutdown-clangd":
                self.problem(recipe, "the server program is not shutdown-clangd")
            self.options(recipe, product, [s.strip('"') for s in strings[1:]])
            return
        setq = [f for f in forms if isinstance(f, list)]
        assigned = {}
        for form in walk(setq):
            if form and form[0] in ("setq", "setq-default"):
                pairs = form[1:]
                for i in range(0, len(pairs) - 1, 2):
                    assigned[pairs[i]] = pairs[i + 1]
        for name in assigned:
            if name not in FLYCHECK:
                self.problem(recipe, f"'{name}' is not a flycheck-clang-tidy variable")
        exe = assigned.get("flycheck-c/c++-clang-tidy-executable", '""').strip('"')
        product = self.executable(recipe, exe)
        want = "clang-tidy" if recipe.endswith("plugin") else "build/bin/shutdown-tidy"
        if product != want:
            self.problem(recipe, f"the clang-tidy executable is not {want}")
        extra = assigned.get("flycheck-clang-tidy-extra-options")
        if extra:
            self.options(recipe, product, [extra.strip('"')])

    def sh(self, recipe, text):
        words = shlex.split(text.replace("\\\n", " "))
        if recipe == "refresh-command":
            product = self.executable(recipe, words[0]) if words else None
            if product != "build/bin/shutdown-hazards":
                self.problem(recipe, "does not run shutdown-hazards")
            self.options(recipe, product, [w for w in words[1:] if w.startswith("-")])
            return
        if not words or words[0] != "clang-tidy-22":
            self.problem(recipe, "does not run clang-tidy-22")
            return
        options = [w for w in words[1:] if w.startswith("-")]
        self.options(recipe, "clang-tidy", options)
        if not any(w.startswith("--load=") for w in options):
            self.problem(recipe, "loads no plugin")

    def xml(self, recipe, text):
        try:
            root = ET.fromstring(text)
        except ET.ParseError as e:
            self.problem(recipe, f"not XML: {e}")
            return
        props = {el.tag: (el.text or "") for group in root.iter("PropertyGroup")
                 for el in group}
        for p in props:
            if p not in MSBUILD:
                self.problem(recipe, f"'{p}' is not a clang-tidy property of MSBuild")
        if props.get("ClangTidyToolExe") != "shutdown-tidy.exe":
            self.problem(recipe, "ClangTidyToolExe is not shutdown-tidy.exe")
        if props.get("EnableClangTidyCodeAnalysis") != "true":
            self.problem(recipe, "clang-tidy code analysis is not enabled")


def read_sexps(recipe, text, checker):
    """A small Emacs Lisp reader: lists, strings, symbols; quotes kept."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[()]|\'|\.|[^\s()\'"]+', text)
    stack = [[]]
    for tok in tokens:
        if tok == "(":
            stack.append([])
        elif tok == ")":
            if len(stack) == 1:
                checker.problem(recipe, "unbalanced parentheses")
                return []
            done = stack.pop()
            stack[-1].append(done)
        elif tok == "'":
            continue
        else:
            stack[-1].append(tok)
    if len(stack) != 1:
        checker.problem(recipe, "unbalanced parentheses")
    return stack[0]


def walk(forms):
    for f in forms:
        if isinstance(f, list):
            yield f
            yield from walk(f)


def flatten(forms):
    for f in forms:
        if isinstance(f, list):
            yield from flatten(f)
        else:
            yield f


def main():
    page, build_dir = sys.argv[1], sys.argv[2]
    extract = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--extract" else None
    text = open(page, encoding="utf-8").read()
    blocks = re.findall(r"<!-- recipe: ([\w-]+) -->\s*\n```(\w+)\n(.*?)```", text, re.S)
    checker = Checker(build_dir)
    seen = set()
    for recipe, lang, body in blocks:
        if recipe in seen:
            checker.problem(recipe, "appears twice")
        seen.add(recipe)
        if RECIPES.get(recipe) != lang:
            checker.problem(recipe, f"unknown recipe or a '{lang}' block")
            continue
        getattr(checker, lang)(recipe, body)
        if extract:
            with open(os.path.join(extract, recipe), "w") as f:
                f.write(body)
        print(f"{recipe}: {lang}")
    for recipe in sorted(set(RECIPES) - seen):
        checker.problem(recipe, "missing from the page")
    for p in checker.problems:
        print(p)
    print(f"{len(seen)} recipes, {len(checker.problems)} problems")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())

//===- ReportDocs.cpp - The checks' docs pages, built in ------------------===//
//
// docs/checks/<page>.md, embedded at configure time (driver/CMakeLists.txt),
// and the documentation URL the build was configured with.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include <cstddef>

namespace shutdown::driver {

namespace {
#include "CheckDocs.inc"
} // namespace

llvm::StringRef checkDoc(const CheckInfo &C) {
  llvm::StringRef Page = C.Name;
  Page.consume_front("shutdown-");
  for (const EmbeddedDoc &D : CheckDocs)
    if (Page == D.Page)
      return llvm::StringRef(reinterpret_cast<const char *>(D.Text), D.Size);
  return "";
}

llvm::StringRef docsUrl() { return DocsUrl; }

/// A Markdown line's inline parts: Text for plain text and code spans
/// (with their backticks), Link for each "[text](target)".
static void
forEachInline(llvm::StringRef Line,
              llvm::function_ref<void(llvm::StringRef)> Text,
              llvm::function_ref<void(llvm::StringRef, llvm::StringRef)> Link) {
  // The end of the code span that starts at I, or npos.
  auto SpanEnd = [&](size_t I) { return Line.find('`', I + 1); };
  size_t Plain = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    if (Line[I] == '`') {
      size_t E = SpanEnd(I);
      if (E == llvm::StringRef::npos)
        break;
      I = E;
      continue;
    }
    if (Line[I] != '[')
      continue;
    // The link text may hold code spans: "[`name`](page.md)".
    size_t J = I + 1;
    while (J < Line.size() && Line[J] != ']') {
      if (Line[J] == '`') {
        size_t E = SpanEnd(J);
        if (E == llvm::StringRef::npos)
          break;
        J = E;
      }
      ++J;
    }
    if (J + 1 >= Line.size() || Line[J] != ']' || Line[J + 1] != '(')
      continue;
    size_t Close = Line.find(')', J + 2);
    if (Close == llvm::StringRef::npos)
      continue;
    Text(Line.slice(Plain, I));
    Link(Line.slice(I + 1, J), Line.slice(J + 2, Close));
    Plain = Close + 1;
    I = Close;
  }
  Text(Line.substr(Plain));
}

static bool isAbsoluteUrl(llvm::StringRef Target) {
  return Target.contains("://") || Target.starts_with("mailto:");
}

/// Target, relative to Page, against the docs URL.
static std::string resolve(llvm::StringRef Target, llvm::StringRef Page) {
  if (Target.starts_with("#"))
    return (docsUrl() + Page + Target).str();
  llvm::SmallString<128> P(
      llvm::sys::path::parent_path(Page, llvm::sys::path::Style::posix));
  llvm::sys::path::append(P, llvm::sys::path::Style::posix, Target);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true,
                               llvm::sys::path::Style::posix);
  return (docsUrl() + P).str();
}

/// Each line of Markdown with whether it is inside a code fence (the
/// fence lines themselves count as inside).
static void forEachLine(llvm::StringRef Markdown,
                        llvm::function_ref<void(llvm::StringRef, bool)> Line) {
  bool InFence = false;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Markdown.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    bool Fence = Lines[I].ltrim().starts_with("```");
    if (Fence)
      InFence = !InFence;
    Line(Lines[I], InFence || Fence);
  }
}

std::string withAbsoluteLinks(llvm::StringRef Markdown, llvm::StringRef Page) {
  std::string Out;
  bool First = true;
  forEachLine(Markdown, [&](llvm::StringRef Line, bool Code) {
    if (!First)
      Out += "\n";
    First = false;
    if (Code) {
      Out += Line.str();
      return;
    }
    forEachInline(
        Line, [&](llvm::StringRef Text) { Out += Text.str(); },
        [&](llvm::StringRef Text, llvm::StringRef Target) {
          if (isAbsoluteUrl(Target))
            Out += ("[" + Text + "](" + Target + ")").str();
          else if (!docsUrl().empty())
            Out += "[" + Text.str() + "](" + resolve(Target, Page) + ")";
          else
            Out += Text.str();
        });
  });
  return Out;
}

std::string plainText(llvm::StringRef Markdown) {
  std::string Out;
  bool First = true;
  forEachLine(Markdown, [&](llvm::StringRef Line, bool Code) {
    if (Code && Line.ltrim().starts_with("```"))
      return;
    if (!First)
      Out += "\n";
    First = false;
    if (Code) {
      Out += "    " + Line.str();
      return;
    }
    Line = Line.ltrim('#').ltrim(' ');
    std::string Text;
    forEachInline(
        Line, [&](llvm::StringRef T) { Text += T.str(); },
        [&](llvm::StringRef T, llvm::StringRef Target) {
          Text += T.str();
          if (isAbsoluteUrl(Target))
            Text += " (" + Target.str() + ")";
        });
    // No code marks, nor strong emphasis (a single '*' may be code).
    for (size_t At; (At = Text.find("**")) != std::string::npos;)
      Text.erase(At, 2);
    for (char C : Text)
      if (C != '`')
        Out += C;
  });
  return Out;
}

} // namespace shutdown::driver

#include <functional>

#include "commands.h"

namespace tsunagu::cli {
namespace {

std::string words_of(const CLI::App* app, bool with_options) {
  std::string out;
  for (const auto* sub : app->get_subcommands({})) out += sub->get_name() + " ";
  if (with_options)
    for (const auto* opt : app->get_options({})) {
      if (opt->get_positional() && opt->get_lnames().empty() && opt->get_snames().empty()) continue;
      for (const auto& l : opt->get_lnames()) out += "--" + l + " ";
    }
  if (!out.empty()) out.pop_back();
  return out;
}

// The bash completion script for the command tree as built, so it cannot drift from the
// commands: for each path of subcommands, the words that may follow.
std::string bash_script(const CLI::App& root) {
  std::string subs, words;
  std::function<void(const CLI::App*, const std::string&)> walk = [&](const CLI::App* app,
                                                                      const std::string& path) {
    subs += "    \"" + path + "\") echo \"" + words_of(app, false) + "\" ;;\n";
    words += "    \"" + path + "\") echo \"" + words_of(app, true) + "\" ;;\n";
    for (const auto* sub : app->get_subcommands({}))
      walk(sub, path.empty() ? sub->get_name() : path + " " + sub->get_name());
  };
  walk(&root, "");
  return "# bash completion for tsunagu: eval \"$(tsunagu completion bash)\"\n"
         "_tsunagu_subcommands() {\n  case \"$1\" in\n" +
         subs + "  esac\n}\n_tsunagu_words() {\n  case \"$1\" in\n" + words +
         "  esac\n}\n"
         "_tsunagu() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"\" i w\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    w=\"${COMP_WORDS[i]}\"\n"
         "    case \" $(_tsunagu_subcommands \"$path\") \" in\n"
         "      *\" $w \"*) path=\"${path:+$path }$w\" ;;\n"
         "    esac\n"
         "  done\n"
         "  COMPREPLY=($(compgen -W \"$(_tsunagu_words \"$path\") --server --lang --json "
         "--help\" -- \"$cur\"))\n"
         "}\n"
         "complete -F _tsunagu tsunagu\n";
}

}  // namespace

void add_completion_command(CLI::App& app, Context& ctx) {
  auto* completion = app.add_subcommand("completion", "Print a shell completion script");
  completion->require_subcommand(1);
  auto* bash = completion->add_subcommand(
      "bash", "Bash completion: eval \"$(tsunagu completion bash)\" in ~/.bashrc");
  bash->callback([&ctx, &app] { ctx.out() << bash_script(app); });
}

}  // namespace tsunagu::cli

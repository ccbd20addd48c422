"""Everything the bot says that is not in the content files, in French and English.

French strings are written with ordinary spaces; `french_typography`
(bot/content/typography.py, shared with the content files) turns them into the
no-break spaces French typography asks for, once, when this module is imported.

Telegram and the terminal (`careerbot chat`) share this catalogue; the
terminal's own keys start with `chat_`. Counted words live in `PLURALS`.
The module is long because it is the whole catalogue, kept in one place so a
translator reads every text side by side; the code in it is short.
"""

from __future__ import annotations

from typing import Final

from bot.content.models import Lang
from bot.content.typography import NBSP as NBSP
from bot.content.typography import NNBSP as NNBSP
from bot.content.typography import french_typography as french_typography


def percent(value: float, lang: Lang) -> str:
    number = round(value)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


def money(amount: int, lang: Lang) -> str:
    if lang == "fr":
        return f"{amount:,}".replace(",", NNBSP) + f"{NBSP}€"
    return f"€{amount:,}"


def money_range(low: int, high: int, lang: Lang) -> str:
    """ "44 000 à 48 000 €" or "€44,000 to €48,000"."""
    if lang == "fr":
        return f"{low:,}".replace(",", NNBSP) + " à " + money(high, lang)
    return f"{money(low, lang)} to {money(high, lang)}"


# (French, English). Placeholders use str.format names.
_TEXTS: dict[str, tuple[str, str]] = {
    # --- Welcome and navigation ---
    "greeting": (
        "Bonjour {name} ! Je vais vous aider à voir si le métier de <b>{job}</b> vous correspond.",
        "Hello {name}! I'll help you find out whether the job of <b>{job}</b> suits you.",
    ),
    "quiz_length": (
        "Le quiz : {questions}, environ {minutes}.",
        "The quiz: {questions}, about {minutes}.",
    ),
    "quiz_resumable": (
        "Vous pouvez revenir en arrière, vous arrêter et reprendre plus tard.",
        "You can go back, stop and pick up later.",
    ),
    "privacy": (
        "🔒 Vos réponses servent à calculer votre résultat ; seules des statistiques anonymes "
        "sont conservées. /forget efface tout.",
        "🔒 Your answers are used to compute your result; only anonymous statistics are kept. "
        "/forget erases everything.",
    ),
    "resume_prompt": (
        "Vous avez un quiz en cours (question {number}/{total}). "
        "Voulez-vous le reprendre ou recommencer ?",
        "You have a quiz in progress (question {number}/{total}). "
        "Would you like to resume it or start over?",
    ),
    "button_begin": ("▶️ Commencer le quiz", "▶️ Start the quiz"),
    "button_resume": (
        "▶️ Reprendre (question {number}/{total})",
        "▶️ Resume (question {number}/{total})",
    ),
    "button_restart": ("🔄 Recommencer", "🔄 Start over"),
    "button_retake": ("🔄 Refaire le quiz", "🔄 Take the quiz again"),
    "button_other_lang": ("🇬🇧 English", "🇫🇷 Français"),
    "button_back": ("◀️ Retour", "◀️ Back"),
    "button_cancel": ("✖️ Annuler", "✖️ Cancel"),
    "button_confirm_count": ("✔️ Valider ({count})", "✔️ Confirm ({count})"),
    "button_none": ("✔️ Aucune, continuer", "✔️ None, continue"),
    # --- The question message ---
    "progress": ("Question {number}/{total}", "Question {number}/{total}"),
    "hint_multiple": (
        "Plusieurs réponses possibles : cochez-les, puis validez.",
        "Several answers possible: tick them, then confirm.",
    ),
    "hint_likert": ("Dans quelle mesure êtes-vous d’accord ?", "How far do you agree?"),
    "likert_0": ("Pas du tout", "Not at all"),
    "likert_1": ("Plutôt pas", "Not really"),
    "likert_2": ("En partie", "Partly"),
    "likert_3": ("Plutôt oui", "Mostly"),
    "likert_4": ("Tout à fait", "Completely"),
    # --- Answers to buttons (toasts, ≤ 200 characters) ---
    "toast_stale": (
        "Ce bouton date d’une autre question : voici la question en cours.",
        "That button belongs to another question: here is the current one.",
    ),
    "toast_finished": (
        "Ce quiz est terminé : voici son résultat.",
        "That quiz is finished: here is its result.",
    ),
    "toast_old_quiz": (
        "Ce bouton vient d’un quiz terminé ou abandonné.",
        "That button comes from a finished or abandoned quiz.",
    ),
    "toast_invalid": ("Ce bouton n’est pas reconnu.", "That button is not recognised."),
    "toast_first": ("Vous êtes à la première question.", "This is the first question."),
    "toast_busy": (
        "Un instant, je n’ai pas pu enregistrer : réessayez.",
        "Sorry, I couldn't save that: please try again.",
    ),
    # --- Messages ---
    "use_buttons": (
        "Répondez avec les boutons sous la question, ou /cancel pour arrêter.",
        "Please answer with the buttons under the question, or /cancel to stop.",
    ),
    "cancelled": (
        "Quiz arrêté, vos réponses sont effacées. /start quand vous voulez pour recommencer.",
        "Quiz stopped and your answers erased. Send /start whenever you want to begin again.",
    ),
    "nothing_to_cancel": (
        "Aucun quiz en cours. /start pour commencer.",
        "No quiz in progress. /start to begin.",
    ),
    "language_set": (
        "C’est noté, je vous parle en français.",
        "Noted, I'll speak English with you.",
    ),
    "forgotten": (
        "C’est fait : j’ai effacé tout ce que je gardais sur vous (quiz en cours, "
        "dernier résultat, langue). Les statistiques anonymes ne permettent pas de vous retrouver.",
        "Done: I have erased everything I kept about you (quiz in progress, last result, "
        "language). The anonymous statistics cannot be traced back to you.",
    ),
    "no_result": (
        "Vous n’avez pas encore de résultat. /start pour faire le quiz.",
        "You don't have a result yet. /start to take the quiz.",
    ),
    "private_only": (
        "Le quiz se fait en message privé, pour que vos réponses restent les vôtres : {link}",
        "The quiz happens in a private chat, so your answers stay yours: {link}",
    ),
    "storage_busy": (
        "Je n’arrive pas à enregistrer pour le moment. Ce que vous avez déjà répondu est "
        "en sécurité : réessayez dans un instant.",
        "I can't save anything right now. What you have already answered is safe: "
        "please try again in a moment.",
    ),
    "quiz_dropped": (
        "Votre quiz en cours a dû être recommencé après une mise à jour du bot, désolé. "
        "Tapez /start pour en commencer un nouveau.",
        "Your quiz in progress had to start over after an update of the bot, sorry. "
        "Send /start to begin a new one.",
    ),
    "error": (
        "Oups, un souci de mon côté. Vos réponses sont en sécurité : réessayez dans un instant.",
        "Oops, something went wrong on my side. Your answers are safe: please try again shortly.",
    ),
    "unknown_command": (
        "Je ne connais pas cette commande. /help pour voir ce que je sais faire.",
        "I don't know that command. /help shows what I can do.",
    ),
    "chart_caption": (
        "Votre profil comparé aux attentes du métier de {job}",
        "Your profile compared with what the job of {job} requires",
    ),
    # --- The command menu (Telegram shows these next to each command) ---
    "command_start": ("Commencer ou reprendre le quiz", "Start or resume the quiz"),
    "command_help": ("Comment ça marche", "How it works"),
    "command_result": ("Revoir mon dernier résultat", "See my last result again"),
    "command_language": ("Passer en anglais", "Switch to French"),
    "command_restart": ("Recommencer le quiz", "Start the quiz over"),
    "command_cancel": ("Arrêter le quiz en cours", "Stop the current quiz"),
    "command_forget": ("Effacer mes données", "Erase my data"),
    "command_about": ("La méthode et la source", "The method and the source"),
    # --- Admins ---
    "reloaded": (
        "Questions rechargées : {questions} (version {version}). "
        "Les quiz en cours se terminent sur leur version.",
        "Questions reloaded: {questions} (version {version}). "
        "Quizzes in progress finish on their own version.",
    ),
    "reload_failed": (
        "Rechargement refusé, {problems} : la version en service reste active.",
        "Reload refused, {problems}: the running version stays in use.",
    ),
    "help": (
        "<b>Comment ça marche</b>\n"
        "Répondez aux questions avec les boutons ; à la fin, vous recevez votre "
        "compatibilité avec le métier, des conseils de formation et un salaire indicatif.\n\n"
        "/start : commencer ou reprendre le quiz\n"
        "/restart : recommencer depuis le début\n"
        "/cancel : arrêter le quiz en cours\n"
        "/result : revoir votre dernier résultat\n"
        "/language : passer en anglais\n"
        "/forget : effacer vos données\n"
        "/about : la méthode et la source",
        "<b>How it works</b>\n"
        "Answer the questions with the buttons; at the end you get your fit with the job, "
        "training advice and an indicative salary.\n\n"
        "/start: start or resume the quiz\n"
        "/restart: start again from the beginning\n"
        "/cancel: stop the current quiz\n"
        "/result: see your last result again\n"
        "/language: switch to French\n"
        "/forget: erase your data\n"
        "/about: the method and the source",
    ),
    "job_missions": ("Au quotidien, par exemple :", "Day to day, for example:"),
    "about_job": ("<b>Le métier de {job}</b>", "<b>The job of {job}</b>"),
    "about": (
        "<b>La méthode</b>\n"
        "Chaque réponse apporte un niveau de 0 à 4 sur des qualités et compétences du métier. "
        "Chacune est comparée au niveau que le métier demande, puis pondérée selon son "
        "importance : cela donne votre compatibilité, par catégorie et au total. "
        "Votre envie des missions clés (vendre, encadrer, analyser, négocier) est mesurée "
        "à part. Si elle manque, ou si les conditions d’accès au poste (un Master, ou un "
        "bac+2 avec de l’expérience) ne sont pas encore réunies, le verdict est plafonné "
        "et le résultat dit pourquoi. "
        "Les mêmes réponses donnent toujours le même résultat.\n\n"
        "<b>La source</b>\n"
        "Les missions, qualités, compétences, formations et le salaire viennent d’une fiche "
        "métier en français sur le métier de responsable e-commerce, reformulée ici. "
        "Les poids et les niveaux demandés sont la lecture qu’en fait ce service, pas des "
        "chiffres de la fiche. Là où elle se tait (les étapes avant le Master, "
        "les adresses de conseillers), ce sont des connaissances générales.\n\n"
        "C’est une indication pour vous aider à réfléchir, pas une évaluation d’embauche.",
        "<b>The method</b>\n"
        "Each answer gives a level from 0 to 4 on qualities and skills the job needs. "
        "Each one is compared with the level the job requires, then weighted by its "
        "importance: that gives your fit, per category and overall. "
        "Your wish to do the core missions (selling, leading, analysing, negotiating) is "
        "measured apart. If it falls short, or if the usual entry requirements (a Master's, "
        "or a bac+2 with experience) are not met yet, the verdict is capped and the result "
        "says why. "
        "The same answers always give the same result.\n\n"
        "<b>The source</b>\n"
        "The missions, qualities, skills, training paths and salary come from a French job "
        "sheet on the job of e-commerce manager (responsable e-commerce), reworded here. "
        "The weights and required levels are this service's own reading of it, not figures "
        "from the sheet. Where it is silent (the steps before a Master's, where to find an "
        "adviser), general knowledge fills in.\n\n"
        "This is an indication to help you think, not a hiring assessment.",
    ),
    # --- The result ---
    "result_title": ("<b>Votre résultat : {job}</b>", "<b>Your result: {job}</b>"),
    "result_fit": ("Compatibilité : <b>{fit}</b> ({band})", "Fit: <b>{fit}</b> ({band})"),
    "result_breakdown": ("<b>Par catégorie</b>", "<b>By category</b>"),
    "category_line": ("• {label} : {value}", "• {label}: {value}"),
    "category_qualities": ("Qualités humaines", "Personal qualities"),
    "category_skills": ("Compétences techniques", "Technical skills"),
    "category_background": ("Formation et expérience", "Training and experience"),
    "result_interest": (
        "<b>Envie des missions clés</b> (vendre, encadrer, analyser, négocier) : {value}",
        "<b>Wish to do the core missions</b> (selling, leading, analysing, negotiating): {value}",
    ),
    "result_capped": (
        "Votre compatibilité seule atteindrait « {uncapped} ».",
        "Your fit alone would reach “{uncapped}”.",
    ),
    "result_caution": (
        "Vous avez été d’accord avec presque tout : gardez ce résultat comme une indication.",
        "You agreed with almost everything, so take this result as a pointer only.",
    ),
    "result_entry": ("<b>Conditions d’accès</b>", "<b>Entry requirements</b>"),
    "result_strengths": ("<b>Vos points forts</b>", "<b>Your strengths</b>"),
    "strength_line": ("• {label} ({backing})", "• {label} ({backing})"),
    "strength_line_dash": ("• {label} — {backing}", "• {label} — {backing}"),
    "result_no_strengths": (
        "Aucune qualité n’atteint encore le niveau demandé : c’est un point de départ.",
        "No quality reaches the required level yet: this is a starting point.",
    ),
    "result_gaps": ("<b>À développer en priorité</b>", "<b>What to work on first</b>"),
    "result_further": (
        "<b>Pour aller plus loin</b> (aucun écart notable, ces points sont presque au niveau)",
        "<b>To go further</b> (no real gap; these points are nearly at the level)",
    ),
    "result_no_gaps": (
        "Vous atteignez le niveau demandé partout : bravo.",
        "You reach the required level everywhere: well done.",
    ),
    "gap_line": ("• <b>{label}</b> — utile pour {why}", "• <b>{label}</b> — needed to {why}"),
    "gap_fact": ("• <b>{label}</b> — {why}", "• <b>{label}</b> — {why}"),
    "gap_interest": ("• <b>{label}</b>", "• <b>{label}</b>"),
    "gap_action": ("   ↳ {action}", "   ↳ {action}"),
    "result_training": (
        "<b>Votre parcours de formation, à partir d’où vous en êtes</b>",
        "<b>Your training path, from where you stand</b>",
    ),
    "training_unknown": (
        "Sans votre niveau d’études et votre expérience, je ne peux pas tracer de parcours : "
        "refaites le quiz en répondant aux questions sur votre parcours.",
        "Without your level of education and experience I cannot draw a path: take the quiz "
        "again and answer the questions about your background.",
    ),
    "result_salary": ("<b>Salaire indicatif</b>", "<b>Indicative salary</b>"),
    "salary_line": (
        "<b>{range}</b> bruts par an, estimés d’abord d’après votre expérience, "
        "puis d’après votre niveau d’études.",
        "<b>{range}</b> gross a year, estimated from your experience first, "
        "then from your level of education.",
    ),
    "salary_line_after_training": (
        "<b>{range}</b> bruts par an à l’embauche, une fois votre formation terminée, "
        "estimés d’abord d’après votre expérience, puis d’après votre niveau d’études.",
        "<b>{range}</b> gross a year when hired, once your training is done, estimated from "
        "your experience first, then from your level of education.",
    ),
    "salary_same_level": (
        "Ce chiffre suppose un poste du niveau de votre expérience actuelle ; venue d’un "
        "autre domaine, elle compte moins, et un premier poste en e-commerce commence "
        "plutôt vers {bottom}.",
        "This assumes a post at the level of your current experience; experience from another "
        "field counts for less, and a first job in e-commerce starts nearer {bottom}.",
    ),
    "salary_movers": (
        "Le salaire varie aussi selon l’employeur (▼ plus bas, ▲ plus haut) :",
        "Pay also varies with the employer (▼ lower, ▲ higher):",
    ),
    "salary_mover": ("• {label} : ▼ {lower}, ▲ {higher}", "• {label}: ▼ {lower}, ▲ {higher}"),
    "change_title": ("<b>Depuis votre résultat précédent</b>", "<b>Since your previous result</b>"),
    "change_fit": (
        "Compatibilité {before} → <b>{after}</b> ({points} points)",
        "Fit {before} → <b>{after}</b> ({points} points)",
    ),
    "change_better": ("▲ En progrès : {names}", "▲ Moved up: {names}"),
    "change_worse": ("▼ En recul : {names}", "▼ Moved down: {names}"),
    "change_none": (
        "Vos qualités et compétences sont au même niveau qu’avant.",
        "Your qualities and skills are at the same level as before.",
    ),
    "result_caveat": (
        "Il repose sur l’image que vous avez de vous-même : "
        "un regard extérieur le complète utilement.",
        "It rests on how you see yourself, and an outside view usefully completes it.",
    ),
    # General knowledge about guidance services in France, not from the source.
    "result_advisers": (
        "Pour en parler avec quelqu’un : au lycée ou à l’université, un ou une psychologue "
        "de l’Éducation nationale ou un CIO ; en activité ou en recherche d’emploi, un conseil "
        "en évolution professionnelle (CEP), l’Apec pour les cadres, ou France Travail.",
        "To talk it over with someone: at school or university, a guidance psychologist of the "
        "Éducation nationale or a CIO (information and guidance centre); if you work or are "
        "looking for work, a career development adviser (conseil en évolution professionnelle), "
        "Apec for managers, or France Travail.",
    ),
    # --- Charts (bot/charts.py) ---
    "chart_fit": ("Compatibilité : {fit} ({band})", "Fit: {fit} ({band})"),
    "chart_interest": ("Envie des missions clés : {value}", "Wish to do the core tasks: {value}"),
    "chart_you_met": ("Vous : niveau atteint", "You: level reached"),
    "chart_you_short": ("Vous : en dessous", "You: below it"),
    "chart_required": ("Niveau demandé", "Required level"),
    "chart_level_axis": ("Niveau, de 0 (aucun) à 4 (expert)", "Level, from 0 (none) to 4 (expert)"),
    "stats_chart_title": (
        "{results} · compatibilité moyenne : {mean}",
        "{results} · average fit: {mean}",
    ),
    "stats_chart_empty_title": ("Aucun résultat pour l’instant", "No results yet"),
    "stats_chart_empty": (
        "Les statistiques apparaîtront\naprès les premiers quiz terminés.",
        "Statistics will appear\nonce the first quizzes are finished.",
    ),
    "stats_chart_distribution": ("Répartition de la compatibilité", "How the fit is spread"),
    "stats_chart_fit_axis": ("Compatibilité (%)", "Fit (%)"),
    "stats_chart_count_axis": ("Nombre de résultats", "Number of results"),
    "stats_chart_means": ("Moyenne par catégorie", "Average per category"),
    "stats_chart_mean": ("moyenne {mean}", "average {mean}"),
    # --- The terminal (`careerbot chat`): typed answers, nothing saved ---
    "chat_greeting": (
        "Bonjour ! Je vais vous aider à voir si le métier de <b>{job}</b> vous correspond.",
        "Hello! I'll help you find out whether the job of <b>{job}</b> suits you.",
    ),
    "chat_keys": (
        "Répondez en tapant le numéro de votre choix puis Entrée. "
        "Tapez b pour revenir à la question précédente, q pour quitter "
        "(rien n’est enregistré : il faudra recommencer).",
        "Answer by typing the number of your choice, then Enter. "
        "Type b to go back to the previous question, q to quit "
        "(nothing is saved: you would start again).",
    ),
    "chat_hint_multiple": (
        "Plusieurs réponses possibles : tapez tous les numéros qui vous correspondent.",
        "Several answers possible: type every number that applies to you.",
    ),
    "chat_prompt_one": (
        "Votre réponse (1 à {count}, b, q) : ",
        "Your answer (1 to {count}, b, q): ",
    ),
    "chat_prompt_many": (
        "Vos réponses (numéros séparés par des espaces, ligne vide pour aucune) : ",
        "Your answers (numbers separated by spaces, empty line for none): ",
    ),
    "chat_invalid_one": (
        "Réponse non comprise : tapez un seul numéro de 1 à {count}, b ou q.",
        "Answer not understood: type one number from 1 to {count}, b or q.",
    ),
    "chat_invalid_many": (
        "Réponse non comprise : tapez des numéros de 1 à {count} séparés par des espaces "
        "(ou une ligne vide pour aucune), b ou q. « Aucun » se choisit seul.",
        "Answer not understood: type numbers from 1 to {count} separated by spaces "
        "(or an empty line for none), b or q. “None of these” goes on its own.",
    ),
    "chat_quit": (
        "Quiz arrêté, rien n’a été enregistré. À bientôt !",
        "Quiz stopped, nothing was saved. See you soon!",
    ),
    "chat_chart_saved": ("Graphique enregistré : {path}", "Chart saved: {path}"),
    "chat_chart_failed": ("Graphique non créé ({reason}).", "Chart not created ({reason})."),
}

# Counted words: (French, English), each (one, other). French uses the singular
# for 0 and 1 ("0 résultat"), English for 1 only (the CLDR plural rules).
_PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "n_questions": (
        ("{count} question", "{count} questions"),
        ("{count} question", "{count} questions"),
    ),
    "n_minutes": (("{count} minute", "{count} minutes"), ("{count} minute", "{count} minutes")),
    "n_results": (
        ("{count} résultat", "{count} résultats"),
        ("{count} result", "{count} results"),
    ),
    "change_more": (
        (" et {count} autre", " et {count} autres"),
        (" and {count} other", " and {count} others"),
    ),
    "n_problems": (
        ("{count} problème", "{count} problèmes"),
        ("{count} problem", "{count} problems"),
    ),
}

TEXTS: Final[dict[str, dict[Lang, str]]] = {
    key: {"fr": french_typography(fr), "en": en} for key, (fr, en) in _TEXTS.items()
}


PLURALS: Final[dict[str, dict[Lang, tuple[str, str]]]] = {
    key: {
        "fr": (french_typography(fr[0]), french_typography(fr[1])),
        "en": en,
    }
    for key, (fr, en) in _PLURALS.items()
}


def is_singular(count: int, lang: Lang) -> bool:
    return count in (0, 1) if lang == "fr" else count == 1


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang`, with its placeholders filled in.

    A counted text (see `PLURALS`) takes the form that agrees with `count`.
    """
    if key in PLURALS:
        count = values["count"]
        assert isinstance(count, int), f"{key} needs an integer count"
        one, other = PLURALS[key][lang]
        return (one if is_singular(count, lang) else other).format(**values)
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def other_lang(lang: Lang) -> Lang:
    return "en" if lang == "fr" else "fr"


def lang_from_code(language_code: str | None) -> Lang:
    """French for any `fr*` Telegram language code, English otherwise."""
    return "fr" if (language_code or "").lower().startswith("fr") else "en"

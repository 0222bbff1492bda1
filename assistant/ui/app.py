"""The Gradio chat page: ``build_app`` makes it from handlers; ``launch`` serves it."""


import logging
from typing import Any

from assistant.errors import InputError
from assistant.strings import gradio_strings, strings
from assistant.ui.handlers import ChatHandlers
from assistant.ui.render import CSS, sources_html
from corpus.metadata import type_names

log = logging.getLogger(__name__)

UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jsonl"]


def build_app(handlers: ChatHandlers, with_library: bool = True) -> Any:
    import gradio as gr

    s = strings()
    sources0 = handlers.library.sources() if (with_library and handlers.library) else []
    with gr.Blocks(title=s["app_title"], analytics_enabled=False) as app:
        gr.Markdown(f"## {s['app_title']}\n{s['app_subtitle']}")
        state = gr.State([])
        with gr.Tab(s["tab_chat"], id="chat"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label=s["tab_chat"],
                        height=520,
                        sanitize_html=True,
                        render_markdown=True,
                        feedback_options=("Like", "Dislike"),
                        elem_id="vk-chat",
                        buttons=["copy"],
                    )
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder=s["question_placeholder"], show_label=False, scale=6, elem_id="vk-question", max_lines=6
                        )
                        send = gr.Button(s["send"], variant="primary", scale=1, elem_id="vk-send")
                    with gr.Row():
                        new = gr.Button(s["new_chat"], size="sm", elem_id="vk-new")
                        status = gr.Markdown("", elem_id="vk-status")
                    with gr.Accordion(s["filters"], open=False):
                        f_sources = gr.Dropdown(sources0, multiselect=True, label=s["filter_sources"], elem_id="vk-filter-sources")
                        f_org = gr.Textbox(label=s["filter_org"])
                        with gr.Row():
                            f_from = gr.Textbox(label=s["filter_date_from"])
                            f_to = gr.Textbox(label=s["filter_date_to"])
                        with gr.Row():
                            f_type = gr.Dropdown(["", *type_names()], value="", label=s["filter_doc_type"], elem_id="vk-filter-type")
                            f_issuer = gr.Textbox(label=s["filter_issuer"], elem_id="vk-filter-issuer")
                with gr.Column(scale=2):
                    panel = gr.HTML(sources_html(None), elem_id="vk-sources")

            inputs = [box, chatbot, state, f_sources, f_org, f_from, f_to, f_type, f_issuer]
            outputs = [chatbot, state, panel, box]
            box.submit(handlers.respond, inputs, outputs, api_visibility="private")
            send.click(handlers.respond, inputs, outputs, api_visibility="private")
            new.click(handlers.new_chat, None, outputs, api_visibility="private")

            def on_select(evt: gr.SelectData, st: list) -> str:
                return handlers.show_turn(evt.index // 2 if isinstance(evt.index, int) else 0, st)

            chatbot.select(on_select, [state], [panel], api_visibility="private")

            def on_like(evt: gr.LikeData, st: list) -> str:
                index = evt.index if isinstance(evt.index, int) else evt.index[0]
                return handlers.feedback(index // 2, bool(evt.liked), st)

            chatbot.like(on_like, [state], [status], api_visibility="private")

        if with_library and handlers.library is not None:
            with gr.Tab(s["tab_docs"], id="docs"):
                files = gr.File(label=s["upload"], file_count="multiple", file_types=UPLOAD_TYPES, elem_id="vk-upload")
                replace_box = gr.Checkbox(False, label=s["upload_replace"], elem_id="vk-upload-replace")
                upload_btn = gr.Button(s["upload_button"], variant="primary", elem_id="vk-upload-btn")
                upload_status = gr.Markdown("", elem_id="vk-upload-status")
                table = gr.Dataframe(
                    value=handlers.library.rows(), headers=s["docs_table_headers"], interactive=False, elem_id="vk-docs", wrap=True
                )
                with gr.Row():
                    pick = gr.Dropdown(sources0, label=s["remove_select"], scale=3, elem_id="vk-remove-pick")
                    remove_btn = gr.Button(s["remove"], variant="stop", scale=1, elem_id="vk-remove")
                    refresh_btn = gr.Button(s["refresh"], scale=1)

                def do_upload(fs, replace, progress=gr.Progress()):
                    message, rows, names = handlers.upload(fs, progress, replace=replace)
                    return message, rows, gr.update(choices=names), gr.update(choices=names), None, False

                upload_btn.click(
                    do_upload, [files, replace_box], [upload_status, table, pick, f_sources, files, replace_box],
                    api_visibility="private",
                )

                def do_remove(source):
                    message, rows, names = handlers.remove(source)
                    return message, rows, gr.update(choices=names, value=None), gr.update(choices=names)

                remove_btn.click(do_remove, [pick], [upload_status, table, pick, f_sources], api_visibility="private")

                def do_refresh():
                    rows, names = handlers.refresh()
                    return rows, gr.update(choices=names), gr.update(choices=names)

                refresh_btn.click(do_refresh, None, [table, pick, f_sources], api_visibility="private")

        def ask(question: str, history: list[str] | None = None) -> dict:
            """Answer one question; the same JSON as `vankien ask --json`."""
            try:
                return handlers.api_ask(question, history)
            except InputError as exc:
                raise gr.Error(exc.message) from None

        gr.api(ask, api_name="ask")
    return app


def launch(settings: Any, index_bundled: bool = True, block: bool = True) -> Any:
    """Build everything once (warm start), index the bundled corpus if the index is
    empty, and serve the page."""
    import sys
    import time

    import gradio as gr

    from assistant.factory import Components, bundled_corpus
    from assistant.library import Library
    from corpus.loaders import iter_documents
    from index.rescue import record_origins

    t0 = time.perf_counter()
    components = Components(settings)
    if components.store.keyword_index_outdated():
        for fix in components.indexer.upgrade():
            print(fix, file=sys.stderr)
    n_sources, _ = components.store.counts()
    if n_sources == 0 and index_bundled:
        root = str(bundled_corpus().resolve())
        print("Lập chỉ mục bộ tài liệu kèm theo…", file=sys.stderr)
        components.indexer.run(((root, d) for d in iter_documents([bundled_corpus()])), roots=[root])
        record_origins(settings.store_path.parent, components.store.origins())
    library = Library(components.indexer, components.store, settings.uploads_dir, settings.max_upload_mb)
    resumed = library.resume()  # uploads a crash left unindexed
    if resumed.resumed:
        print(f"Đã lập chỉ mục tiếp {len(resumed.resumed)} tài liệu tải lên chưa hoàn tất.", file=sys.stderr)
    for name, reason in resumed.failed:
        print(f"uploads: {name}: {reason}", file=sys.stderr)
    components.assistant.warm_up()
    handlers = ChatHandlers(components.assistant, settings.feedback_path, library)
    app = build_app(handlers)
    app.queue(default_concurrency_limit=settings.concurrency, max_size=256)
    auth = None
    app_kwargs: dict = {}
    if settings.auth_user and settings.auth_password:
        from starlette.middleware import Middleware

        from assistant.ui.throttle import LoginThrottle

        auth = (settings.auth_user, settings.auth_password.get_secret_value())
        app_kwargs["middleware"] = [Middleware(LoginThrottle, base=settings.login_delay)]
    print(f"Sẵn sàng sau {time.perf_counter() - t0:.1f} s — http://{settings.host}:{settings.port}", file=sys.stderr)
    if block:
        import atexit

        from assistant.factory import close_components

        atexit.register(close_components, components)
    app.launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        app_kwargs=app_kwargs,
        auth_message=strings()["app_title"] if auth else None,
        max_file_size=int(settings.max_upload_mb * 1024 * 1024),  # bytes: 0.5 MB is 0.5 MB
        css=CSS,
        theme=gr.themes.Soft(),
        footer_links=["api"],
        # Gradio's own strings (upload area, buttons) in Vietnamese; also for browsers set to
        # English, the default locale, since every other string of the page is Vietnamese
        i18n=gr.I18n(vi=gradio_strings(), en=gradio_strings()),
        prevent_thread_lock=not block,
        show_error=False,
        quiet=True,
    )
    return app

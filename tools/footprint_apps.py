"""One JSON route per framework, served the way `measure_footprint.py` measures it: run as
`python footprint_apps.py <framework> <port>` by that tool, in a Python that has the frameworks installed.

Each app is the smallest one its documentation shows, served by the framework's own production server
where it has one, else waitress (WSGI) or uvicorn (ASGI); Quart on Hypercorn, as its docs deploy it.
"""

from __future__ import annotations

import sys

HOST = "127.0.0.1"


def waitress_serve(app, port: int) -> None:
    import waitress

    waitress.serve(app, host=HOST, port=port, threads=4, _quiet=True)


def uvicorn_serve(app, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host=HOST, port=port, log_level="error", access_log=False)


def microdot(port: int) -> None:
    from microdot import Microdot

    app = Microdot()

    @app.route("/")
    async def index(request):
        return {"ok": True}

    app.run(host=HOST, port=port)


def bottle(port: int) -> None:
    import bottle as bottle_module

    app = bottle_module.Bottle()
    app.route("/")(lambda: {"ok": True})
    waitress_serve(app, port)


def flask(port: int) -> None:
    from flask import Flask

    app = Flask(__name__)
    app.route("/")(lambda: {"ok": True})
    waitress_serve(app, port)


def falcon(port: int) -> None:
    import falcon as falcon_module

    class Index:
        def on_get(self, req, resp):
            resp.media = {"ok": True}

    app = falcon_module.App()
    app.add_route("/", Index())
    waitress_serve(app, port)


def pyramid(port: int) -> None:
    from pyramid.config import Configurator

    with Configurator() as config:
        config.add_route("index", "/")
        config.add_view(lambda request: {"ok": True}, route_name="index", renderer="json")
        app = config.make_wsgi_app()
    waitress_serve(app, port)


def django(port: int) -> None:
    from django.conf import settings

    settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="footprint",
                       MIDDLEWARE=[])
    from django.core.wsgi import get_wsgi_application
    from django.http import JsonResponse
    from django.urls import path

    globals()["urlpatterns"] = [path("", lambda request: JsonResponse({"ok": True}))]
    waitress_serve(get_wsgi_application(), port)


def cherrypy(port: int) -> None:
    import cherrypy as cherrypy_module

    class Root:
        @cherrypy_module.expose
        @cherrypy_module.tools.json_out()
        def index(self):
            return {"ok": True}

    cherrypy_module.config.update({"server.socket_port": port, "log.screen": False, "engine.autoreload.on": False})
    cherrypy_module.quickstart(Root())


def tornado(port: int) -> None:
    import asyncio

    import tornado.web

    class Index(tornado.web.RequestHandler):
        def get(self):
            self.write({"ok": True})

    async def main():
        tornado.web.Application([(r"/", Index)]).listen(port, HOST)
        await asyncio.Event().wait()

    asyncio.run(main())


def aiohttp(port: int) -> None:
    from aiohttp import web

    async def index(request):
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/", index)
    web.run_app(app, host=HOST, port=port, print=None)


def sanic(port: int) -> None:
    from sanic import Sanic, json

    app = Sanic("footprint")

    @app.get("/")
    async def index(request):
        return json({"ok": True})

    app.run(host=HOST, port=port, single_process=True, access_log=False, motd=False)


def starlette(port: int) -> None:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def index(request):
        return JSONResponse({"ok": True})

    uvicorn_serve(Starlette(routes=[Route("/", index)]), port)


def fastapi(port: int) -> None:
    from fastapi import FastAPI

    app = FastAPI()
    app.get("/")(lambda: {"ok": True})
    uvicorn_serve(app, port)


def litestar(port: int) -> None:
    from litestar import Litestar, get

    @get("/")
    async def index() -> dict:
        return {"ok": True}

    uvicorn_serve(Litestar([index]), port)


def blacksheep(port: int) -> None:
    from blacksheep import Application, get, json

    app = Application()

    @get("/")
    async def index():
        return json({"ok": True})

    uvicorn_serve(app, port)


def quart(port: int) -> None:
    from quart import Quart

    app = Quart(__name__)

    @app.route("/")
    async def index():
        return {"ok": True}

    app.run(host=HOST, port=port)


def robyn(port: int) -> None:
    from robyn import Robyn

    app = Robyn(__file__)
    app.get("/")(lambda request: {"ok": True})
    app.start(host=HOST, port=port)


APPS = {fn.__name__: fn for fn in (microdot, bottle, flask, falcon, pyramid, django, cherrypy, tornado, aiohttp,
                                   sanic, starlette, fastapi, litestar, blacksheep, quart, robyn)}

if __name__ == "__main__":
    APPS[sys.argv[1]](int(sys.argv[2]))

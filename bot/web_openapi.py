"""A small hand-written OpenAPI 3.1 description of the HTTP API (served at /api/v1/openapi.json).

tests/test_web.py checks that it names every API route the app has.
"""

from __future__ import annotations

from typing import Any

_ERROR = {
    "description": "错误：{error: 代码, message: 中文说明}",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_JSON = {"content": {"application/json": {"schema": {"type": "object"}}}}


def _ok(description: str, schema: str | None = None) -> dict[str, Any]:
    content = {"schema": {"$ref": f"#/components/schemas/{schema}"}} if schema else _JSON["content"]
    return {"description": description, "content": {"application/json": content}}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): _ERROR for c in codes}


def _q(
    name: str, description: str, schema: dict[str, Any], required: bool = False
) -> dict[str, Any]:
    where = {"name": name, "in": "query", "required": required}
    return {**where, "description": description, "schema": schema}


def openapi_spec() -> dict[str, Any]:
    string = {"type": "string"}
    ask_params = [
        _q("q", "问题（不超过 500 字）", string, required=True),
        _q("report", "只在这份报告中检索（报告 id 或地区名）", string),
        _q("top_k", "返回几条引文（1-20）", {"type": "integer", "minimum": 1, "maximum": 20}),
        _q("conversation", "上次回答的 conversation，用于追问（还有呢 / 那铁东区呢）", string),
    ]
    limited = _errors(400, 404, 413, 429, 503)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "govqa",
            "version": "1",
            "description": "政府工作报告问答：每个回答都引自报告原文。",
        },
        "paths": {
            "/api/v1/ask": {
                "get": {
                    "summary": "回答一个问题",
                    "parameters": ask_params,
                    "responses": {"200": _ok("回答", "Answer"), **limited},
                },
                "post": {
                    "summary": "回答一个问题（可追问）",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Ask"}}
                        },
                    },
                    "responses": {"200": _ok("回答", "Answer"), **limited},
                },
            },
            "/api/v1/compare": {
                "post": {
                    "summary": "各报告中与问题最相关的一段，便于对比",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["question"],
                                    "properties": {"question": string},
                                }
                            }
                        },
                    },
                    "responses": {"200": _ok("每份报告一条引文", "Answer"), **limited},
                },
                "get": {
                    "summary": "同上，问题在 q 中",
                    "parameters": ask_params[:1],
                    "responses": {"200": _ok("每份报告一条引文", "Answer"), **limited},
                },
            },
            "/api/v1/reports": {
                "get": {
                    "summary": "报告列表及其元数据",
                    "responses": {"200": _ok("{reports: [Report]}"), **_errors(429, 503)},
                }
            },
            "/api/v1/reports/{id}/outline": {
                "get": {
                    "summary": "一份报告的章节目录",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": string,
                            "description": "报告 id：相对语料文件夹的路径",
                        }
                    ],
                    "responses": {
                        "200": _ok("{report, outline: [{section, level, passages}]}"),
                        **_errors(404, 429, 503),
                    },
                }
            },
            "/api/v1/passages/{passage_id}": {
                "get": {
                    "summary": "一段原文及其前后段落",
                    "parameters": [
                        {
                            "name": "passage_id",
                            "in": "path",
                            "required": True,
                            "schema": string,
                            "description": "引文的 passage_id（# 写作 %23）",
                        },
                        _q("radius", "前后各几段（0-5，默认 1）", {"type": "integer"}),
                    ],
                    "responses": {
                        "200": _ok("{passage, report, context: [passage + focus]}"),
                        **_errors(400, 404, 429, 503),
                    },
                }
            },
            "/api/v1/health": {
                "get": {
                    "summary": "索引已载入时为 200，载入中为 503",
                    "responses": {
                        "200": _ok("{status: ok, reports, passages}"),
                        "503": _ok("{status: loading | failed}"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Ask": {
                    "type": "object",
                    "required": ["question"],
                    "properties": {
                        "question": {"type": "string", "maxLength": 500},
                        "report": {"type": ["string", "null"]},
                        "top_k": {"type": ["integer", "null"], "minimum": 1, "maximum": 20},
                        "conversation": {"type": ["string", "null"]},
                    },
                },
                "Answer": {
                    "type": "object",
                    "description": "与 govqa ask --json 相同，另加 status、has_more、conversation",
                    "properties": {
                        "question": string,
                        "answered": {"type": "boolean"},
                        "status": string,
                        "message": {"type": ["string", "null"]},
                        "notice": {"type": "object"},
                        "citations": {"type": "array", "items": {"type": "object"}},
                        "has_more": {"type": "boolean"},
                        "conversation": string,
                    },
                },
                "Error": {
                    "type": "object",
                    "properties": {"error": string, "message": string},
                },
            }
        },
    }

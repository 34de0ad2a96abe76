/**
 * Where a build's files go as each is finished, so a site of a thousand pages is never held in
 * memory: the command line stages them on disk (site/write.ts), the dev server and tests keep
 * them in maps.
 */

/**
 * A text file in parts, written one after another: strings, or text already encoded as UTF-8.
 * A large page is never one string: flattening ~250,000 characters to write them takes half a
 * megabyte of fresh memory, which costs more than the writing on these machines. figures.json
 * (site/figures-json.ts) keeps most of its bytes encoded once for every page of a site; the page
 * (build/article.ts) is its HTML writer's parts inside the template's text.
 */
export interface TextParts {
  readonly parts: readonly (string | Uint8Array)[]
}

/** An output file's content: text, bytes, or text in parts. */
export type FileContent = string | Uint8Array | TextParts

export function isTextParts(content: FileContent): content is TextParts {
  return typeof content === 'object' && 'parts' in content
}

/** The text of text in parts, or the content as it is. */
export function decodedContent(content: FileContent): string | Uint8Array {
  if (!isTextParts(content)) return content
  const decoder = new TextDecoder()
  let text = ''
  for (const part of content.parts)
    text += typeof part === 'string' ? part : decoder.decode(part, { stream: true })
  return text + decoder.decode()
}

/** Receives each output file once, by path relative to the site root. */
export interface SiteSink {
  write(path: string, content: FileContent): Promise<void>
  /**
   * Called once an article's page (its index.html) is written, with the article's source path,
   * before the page's other files and the rest of the site: the dev server shows it right away.
   */
  pageWritten?(source: string): void
  /**
   * The folder the sink writes each file into, at its relative path, when that is all it does:
   * an article worker thread then writes its own files there (build/workers.ts) instead of
   * sending ~1 MB a page to this thread to write. `failure` turns a worker's failed write into
   * the error the sink itself would have thrown.
   */
  readonly folder?: SinkFolder
  /** Files a worker thread wrote into `folder` itself, by path: the sink keeps them. */
  wrote?(paths: readonly string[]): void
}

/** See SiteSink.folder. */
export interface SinkFolder {
  readonly path: string
  /** Whether the folder holds a previous output, written over in place (site/write.ts). */
  readonly reused?: boolean
  failure(error: NodeJS.ErrnoException): Error
}

/** A sink that keeps the files in memory: text and binary files apart. */
export interface MemorySink extends SiteSink {
  readonly files: Map<string, string>
  readonly binaryFiles: Map<string, Uint8Array>
}

export function memorySink(): MemorySink {
  const files = new Map<string, string>()
  const binaryFiles = new Map<string, Uint8Array>()
  return {
    files,
    binaryFiles,
    write: async (path, written) => {
      const content = decodedContent(written)
      if (typeof content === 'string') files.set(path, content)
      else binaryFiles.set(path, content)
    },
  }
}
